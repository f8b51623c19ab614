// Package admin is a command-line program's, as gitea's cmd is: an
// operator runs it now and then, and no request waits for it.
package admin

import (
	"context"
	"database/sql"
)

func syncReleases(ctx context.Context, db *sql.DB, repos []int64) {
	for _, id := range repos {
		db.ExecContext(ctx, "UPDATE release SET synced = true WHERE repo_id = $1", id)
	}
}
