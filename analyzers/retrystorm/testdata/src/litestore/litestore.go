// Package litestore retries SQLite's busy errors (openfga's busyRetry):
// the database runs in the process, so a busy database is a lock held by
// another transaction, not a server that is down.
package litestore

import (
	"context"
	"database/sql"
	"errors"

	_ "modernc.org/sqlite"
)

var errBusy = errors.New("database is locked")

func busyRetry(fn func() error) error { // want busyRetry:"retries param 0 \\(paced false, bounded true\\)"
	const maxRetries = 10
	for retries := 0; ; retries++ {
		err := fn()
		if err == nil {
			return nil
		}
		if errors.Is(err, errBusy) {
			if retries < maxRetries {
				continue
			}
			return err
		}
		return err
	}
}

func write(ctx context.Context, db *sql.DB) error {
	return busyRetry(func() error {
		_, err := db.ExecContext(ctx, "INSERT INTO t VALUES (1)")
		return err
	})
}

func spin(ctx context.Context, db *sql.DB) {
	for {
		if _, err := db.ExecContext(ctx, "INSERT INTO t VALUES (1)"); err == nil {
			return
		}
	}
}
