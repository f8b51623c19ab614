// Package jobs has loops from gitea whose every iteration is a unit of
// work: one query for all items would not replace it, so they are not
// N+1. The last functions are N+1s that look alike and are reported.
package jobs

import (
	"compress/gzip"
	"context"
	"database/sql"
	"io"

	"repository"
)

var db *sql.DB

// handler is a queue's batch handler, as gitea's webhook delivery is:
// each item was queued as a job of its own.
func handler(items ...int64) []int64 {
	ctx := context.Background()
	for _, id := range items {
		var delivered bool
		db.QueryRowContext(ctx, "SELECT is_delivered FROM hook_task WHERE id = $1", id).Scan(&delivered)
		if delivered {
			continue
		}
		repository.Deliver(ctx, id)
	}
	return nil
}

// queueInit registers a batch handler written as a literal, as gitea's
// code indexer does.
func queueInit(register func(func(items ...string) []string)) {
	register(func(items ...string) []string {
		for _, name := range items {
			db.ExecContext(context.Background(), "UPDATE repo_indexer_status SET stale = true WHERE name = $1", name)
		}
		return nil
	})
}

// stopTasks stops each task in a transaction of its own, as gitea's
// actions cleanup does.
func stopTasks(ctx context.Context, tasks []int64) {
	for _, id := range tasks {
		repository.WithTx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "UPDATE action_task SET status = 'failure' WHERE id = $1", id)
			return err
		})
		db.ExecContext(ctx, "UPDATE action_task SET log_in_storage = true WHERE id = $1", id)
	}
}

// deleteOwnerRepositories deletes each repository of a user being
// deleted: a whole repository per iteration.
func deleteOwnerRepositories(ctx context.Context, repos []int64) error {
	for _, id := range repos {
		if _, err := repository.GetRepository(ctx, id); err != nil {
			return err
		}
		if err := repository.DeleteRepository(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// syncMirrors syncs each mirror with git.
func syncMirrors(ctx context.Context, ids []int64) {
	for _, id := range ids {
		repository.SyncMirror(ctx, id)
	}
}

// buildIndexes builds a whole package index per architecture, as gitea's
// alpine registry does.
func buildIndexes(ctx context.Context, w io.Writer, archs []string) {
	for _, arch := range archs {
		buildIndex(ctx, w, arch)
	}
}

func buildIndex(ctx context.Context, w io.Writer, arch string) error {
	zw := gzip.NewWriter(w)
	defer zw.Close()
	rows, err := db.QueryContext(ctx, "SELECT name FROM package WHERE arch = $1", arch)
	if err != nil {
		return err
	}
	return rows.Close()
}

// convertTables changes each table, as gitea's doctor convert does: one
// statement per table, which no single statement replaces.
func convertTables(ctx context.Context, tables []string) {
	for _, t := range tables {
		db.ExecContext(ctx, "ALTER TABLE "+t+" ROW_FORMAT=dynamic")
		db.ExecContext(ctx, "ALTER TABLE "+t+" CONVERT TO CHARACTER SET utf8mb4")
	}
}

// --- reported: each iteration loads something ---

// touchTables updates a row per table: not the schema.
func touchTables(ctx context.Context, tables []string) {
	for _, t := range tables {
		db.ExecContext(ctx, "UPDATE "+t+" SET touched = now()") // want `^warning: db.ExecContext in a loop runs one query per iteration`
	}
}

// verifyCommits loads each commit's author: the signature check runs a
// process, but the loop loads one user per commit.
func verifyCommits(ctx context.Context, emails []string) {
	for _, e := range emails {
		repository.Verify(ctx, e) // want `^warning: repository.Verify in a loop runs one query per iteration`
	}
}

// loadAll takes its IDs variadic, but returns what it loaded, not the
// items it could not handle: no queue's batch handler.
func loadAll(ctx context.Context, ids ...int64) []string {
	var names []string
	for _, id := range ids {
		name, _ := repository.GetRepository(ctx, id) // want `^warning: repository.GetRepository in a loop runs one query per iteration \(loop → repository.GetRepository → \(\*sql.DB\).QueryRowContext\): .* \(and 1 more calls of repository.GetRepository in loops in this package\)$`
		names = append(names, name)
	}
	return names
}

// names loads them again elsewhere: the same helper, the same cause.
func names(ctx context.Context, ids []int64) {
	for _, id := range ids {
		repository.GetRepository(ctx, id) // one of the related calls
	}
}
