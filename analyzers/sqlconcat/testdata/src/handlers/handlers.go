// Package handlers calls the store with SQL it builds.
package handlers

import (
	"context"
	"database/sql"
	"net/http"

	"store"
)

func search(ctx context.Context, s *store.Store, r *http.Request) {
	name := r.FormValue("name")
	s.Raw(ctx, "SELECT * FROM users WHERE name = '"+name+"'") // want `s.Raw \(which passes it to s.db.QueryContext\) runs SQL built from user input r.FormValue\("name"\)`
	s.One(ctx, "SELECT * FROM users WHERE name = ?", name)
	s.One(ctx, "DELETE FROM users WHERE name = "+name) // want `s.One \(which passes it to s.Raw\) runs SQL built from user input`
}

func filtered(db *sql.DB, r *http.Request) {
	db.Query("SELECT * FROM users WHERE " + store.NameFilter(r.FormValue("name"))) // want `db.Query runs SQL built from user input r.FormValue\("name"\)`
	db.Query("SELECT * FROM users WHERE " + store.NameFilter("bob"))               // a constant: fine
	db.Query("SELECT * FROM users" + store.OrderClause("created_at"))              // a constant: fine
	db.Query("SELECT * FROM users" + store.OrderClause(r.URL.Query().Get("sort"))) // want `as a table or column name`
}
