// Package billing charges for what a relayed request used once the
// handler is done with it: cleanup and accounting in a defer must
// complete, so the request's context is not theirs.
package billing

import (
	"context"
	"database/sql"
	"net/http"
)

var db *sql.DB

func relay(w http.ResponseWriter, r *http.Request) {
	used := 0
	defer func() {
		db.ExecContext(context.Background(), "UPDATE quota SET used = used + $1", used)
		db.Exec("INSERT INTO usage_log (n) VALUES ($1)", used)
	}()
	defer db.Exec("UPDATE stats SET relays = relays + 1")
	db.ExecContext(context.Background(), "UPDATE quota SET reserved = reserved + 1") // want `^warning: db.ExecContext runs under context.Background\(\), detached from the request`
	used++
}
