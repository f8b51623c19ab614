// Package lazystore has functions that query only sometimes: a lazy
// loader, a worker, a failure notice. Its importers learn through facts
// what makes each query conditional.
package lazystore

import (
	"context"
	"database/sql"
)

type Repo struct{ Name string }

type Issue struct {
	db     *sql.DB
	RepoID int
	Repo   *Repo
}

// LoadRepo queries only when the caller has not preloaded the repository.
func (i *Issue) LoadRepo(ctx context.Context) error {
	if i.Repo != nil {
		return nil
	}
	i.Repo = &Repo{}
	return i.db.QueryRowContext(ctx, "SELECT name FROM repos WHERE id = $1", i.RepoID).Scan(&i.Repo.Name)
}

// Comments loads the repository lazily, then queries each time.
func (i *Issue) Comments(ctx context.Context) int {
	i.LoadRepo(ctx)
	var n int
	i.db.QueryRowContext(ctx, "SELECT count(*) FROM comments WHERE issue = $1", i.RepoID).Scan(&n)
	return n
}

// Consume serves a channel of jobs: a worker, not a query per call.
func Consume(ctx context.Context, db *sql.DB, jobs <-chan int) {
	for id := range jobs {
		db.ExecContext(ctx, "UPDATE jobs SET done = true WHERE id = $1", id)
	}
}

// Check records a failure, and queries only then.
func Check(ctx context.Context, db *sql.DB, err error) {
	if err != nil {
		db.ExecContext(ctx, "INSERT INTO failures (msg) VALUES ($1)", err.Error())
	}
}
