// Package lazyloop loops over functions of another package that query
// only sometimes.
package lazyloop

import (
	"context"
	"database/sql"

	"lazystore"
)

func issues(ctx context.Context, db *sql.DB, list []*lazystore.Issue, results []struct{ Err error }, queues []chan int) {
	for _, is := range list {
		is.LoadRepo(ctx) // the caller may have preloaded the repositories (LoadAttributes)
		is.Comments(ctx) // want `is.Comments in a loop runs one query per iteration \(loop → is.Comments → \(\*sql.DB\).QueryRowContext\)`
	}
	for _, r := range results {
		lazystore.Check(ctx, db, r.Err) // only on failure
	}
	for _, q := range queues {
		go lazystore.Consume(ctx, db, q) // a worker per queue
	}
}
