// Package jobs has loops from gitea whose every iteration is a unit of
// work: one query for all items would not replace it, so they are not
// N+1. The last functions are N+1s that look alike and are reported.
package jobs

import (
	"compress/gzip"
	"context"
	"database/sql"
	"io"
	"net/http"

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
		name, _ := repository.GetRepository(ctx, id) // want `^warning: repository.GetRepository in a loop runs one query per iteration \(loop → repository.GetRepository → \(\*sql.DB\).QueryRowContext\): .* \(and 1 more call of repository.GetRepository in loops in this package\)$`
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

// --- searches and error paths, from gitea: not reported ---

func branchExists(ctx context.Context, name string) (bool, error) {
	var ok bool
	err := db.QueryRowContext(ctx, "SELECT true FROM branch WHERE name = $1", name).Scan(&ok)
	return ok, err
}

// uniquePatchBranchName probes for the first free name, as gitea's
// editor does: it stops at its first miss.
func uniquePatchBranchName(ctx context.Context, prefix string) string {
	for i := 1; i <= 1000; i++ {
		name := prefix + "-patch-" + string(rune('0'+i%10))
		if exist, err := branchExists(ctx, name); err != nil {
			return ""
		} else if !exist {
			return name
		}
	}
	return ""
}

// uniqueRepositoryName stops when the lookup fails for want of a row.
func uniqueRepositoryName(ctx context.Context, name string) string {
	for i := 1; i < 1000; i++ {
		_, err := repository.GetRepository(ctx, int64(i))
		if err != nil || err == sql.ErrNoRows {
			return name
		}
	}
	return ""
}

// agitBaseBranch tries the split points of one branch name, as gitea's
// agit does: the runes of a string are not items.
func agitBaseBranch(ctx context.Context, name string) string {
	for p, v := range name {
		if v != '/' {
			continue
		}
		if ok, _ := branchExists(ctx, name[:p]); ok {
			return name[:p]
		}
	}
	return ""
}

// changeFiles removes what it added when it fails, as gitea's
// ChangeRepoFiles does: the loop runs on the error path only.
func changeFiles(ctx context.Context, oids []string) (errRet error) {
	defer func() {
		if errRet != nil {
			for _, oid := range oids {
				db.ExecContext(ctx, "DELETE FROM lfs_meta_object WHERE oid = $1", oid)
			}
		}
	}()
	return nil
}

// --- reported: searches that stop only on failure, loops over numbers ---

// probeAll leaves only on a failure: every name is looked up.
func probeAll(ctx context.Context, prefix string) {
	for i := 1; i <= 1000; i++ {
		if _, err := branchExists(ctx, prefix); err != nil { // want `^warning: branchExists in a loop runs one query per iteration .* \(and 1 more call of jobs.branchExists in loops in this package\)$`
			return
		}
	}
}

// overCount ranges over a number of items.
func overCount(ctx context.Context, n int) {
	for i := range n {
		branchExists(ctx, string(rune(i))) // one of branchExists's calls
	}
}

// --- maintenance and per-row values, from gitea: not reported ---

// cleanExpiredArtifacts is a timer's cleanup: it runs now and then, and
// no request waits for it.
func cleanExpiredArtifacts(ctx context.Context, ids []int64) {
	for _, id := range ids {
		db.ExecContext(ctx, "UPDATE artifact SET status = 'expired' WHERE id = $1", id)
	}
}

// moveColumns writes each column's own position.
func moveColumns(ctx context.Context, sorted map[int64]int64) {
	for sorting, id := range sorted {
		db.ExecContext(ctx, "UPDATE project_board SET sorting = $1 WHERE id = $2", sorting, id)
	}
}

// assignAll adds each assignee through a helper that wraps its insert in a
// transaction: the helper is still one statement per item, and inserting
// them together is the remedy.
func assignAll(ctx context.Context, ids []int64) {
	for _, id := range ids {
		assign(ctx, id) // want `^warning: assign in a loop runs one query per iteration`
	}
}

// failTasks sets the same status on each task through a helper that runs
// a transaction: one UPDATE with = ANY($1) would do.
func failTasks(ctx context.Context, ids []int64) {
	for _, id := range ids {
		repository.SetStatus(ctx, id, "failure") // want `^warning: repository.SetStatus in a loop runs one query per iteration`
	}
}

func assign(ctx context.Context, id int64) (int64, error) {
	err := repository.WithTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO issue_assignees (assignee_id) VALUES ($1)", id)
		return err
	})
	return id, err
}

// --- searches, from gitea: they stop at what a query finds ---

func hasForked(ctx context.Context, org, repo int64) bool {
	var ok bool
	db.QueryRowContext(ctx, "SELECT true FROM repository WHERE owner_id = $1 AND fork_id = $2", org, repo).Scan(&ok)
	return ok
}

// canFork stops at the first organization that has not forked yet, as
// gitea's CanUserForkRepo does.
func canFork(ctx context.Context, orgs []int64, repo int64) bool {
	for _, org := range orgs {
		if !hasForked(ctx, org, repo) {
			return true
		}
	}
	return false
}

// isReviewer stops at the first team the user belongs to.
func isReviewer(ctx context.Context, teams []int64, repo int64) bool {
	for _, team := range teams {
		member := hasForked(ctx, team, repo)
		if !member {
			continue
		}
		if member {
			return true
		}
	}
	return false
}

// forkedEverywhere looks at every organization: the if only counts.
func forkedEverywhere(ctx context.Context, orgs []int64, repo int64) int {
	n := 0
	for _, org := range orgs {
		if hasForked(ctx, org, repo) { // want `^warning: hasForked in a loop runs one query per iteration`
			n++
		}
	}
	return n
}

// Engine is an interface over the database, as gitea's db.Engine is.
type Engine interface {
	Exec(query string, args ...any) (sql.Result, error)
}

// moveColumnsThrough writes each column's own position through an
// interface: the UPDATE text still says so.
func moveColumnsThrough(e Engine, sorted map[int64]int64) {
	for sorting, id := range sorted {
		e.Exec("UPDATE project_board SET sorting = ? WHERE id = ?", sorting, id)
	}
}

// closeColumnsThrough sets the same value on each: reported.
func closeColumnsThrough(e Engine, ids []int64) {
	for _, id := range ids {
		e.Exec("UPDATE project_board SET closed = true WHERE id = ?", id) // want `^warning: e.Exec in a loop runs one query per iteration`
	}
}

// localizedError is an error type of the program's own, as miniflux's
// *locale.LocalizedErrorWrapper is.
type localizedError struct{ msg string }

func (e *localizedError) Error() string { return e.msg }

// refreshFeed fetches a feed from its site and records it, as miniflux's
// RefreshFeed does: a job that waits on another service.
func refreshFeed(ctx context.Context, id int64) *localizedError {
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://feed", nil)
	http.DefaultClient.Do(req)
	db.ExecContext(ctx, "UPDATE feeds SET checked_at = now() WHERE id = $1", id)
	return nil
}

func refreshAll(ctx context.Context, ids []int64) {
	for _, id := range ids {
		refreshFeed(ctx, id)
	}
}

// removeAttachments deletes each attachment the user removed from a memo:
// a file or an object per attachment, then its row.
func removeAttachments(ctx context.Context, removed []int64, keys []string) error {
	for _, id := range removed {
		if err := repository.DeleteAttachment(ctx, id); err != nil {
			return err
		}
	}
	for i, key := range keys {
		if err := repository.DeleteBlob(ctx, int64(i), key); err != nil {
			return err
		}
	}
	return nil
}

// removeRows deletes the rows only, and consumes uploads for their
// content: N+1s.
func removeRows(ctx context.Context, removed []int64) {
	for _, id := range removed {
		repository.DeleteRow(ctx, id) // want `^warning: repository.DeleteRow in a loop runs one query per iteration`
	}
	for _, id := range removed {
		repository.Consume(ctx, id) // want `^warning: repository.Consume in a loop runs one query per iteration`
	}
}
