// want package:`wants the callers of assign.Check`

// Package assign has a loop over a parameter that its only caller, in
// another package, fills with what the client sent. Under a driver
// without the whole program (go vet, analysistest) the caller is unseen
// and the finding stays; crisislint's engine makes it a note (see
// testdata/realmod/callersapp).
package assign

import (
	"context"
	"database/sql"
)

var DB *sql.DB

// Check checks each assignee.
func Check(ctx context.Context, ids []int64) { // want Check:`callers wanted \(depth 0\) for 1`
	for _, id := range ids {
		var n int
		DB.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE id = $1", id).Scan(&n) // want `^warning: DB.QueryRowContext in a loop runs one query per iteration`
	}
}
