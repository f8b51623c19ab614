// Package cli is a command-line program's, as miniflux's internal/cli is.
package cli

import (
	"context"
	"database/sql"
)

func refreshFeeds(ctx context.Context, db *sql.DB, ids []int64) {
	for _, id := range ids {
		db.ExecContext(ctx, "UPDATE feeds SET refreshed = true WHERE id = $1", id)
	}
}
