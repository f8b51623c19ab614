// Package handlers calls the store with SQL it builds.
package handlers

import (
	"context"
	"database/sql"
	"net/http"

	"repository"
	"store"
)

func search(ctx context.Context, s *store.Store, r *http.Request) {
	name := r.FormValue("name")
	s.Raw(ctx, "SELECT * FROM users WHERE name = '"+name+"'") // want `s.Raw \(which passes it to s.db.QueryContext\) runs SQL built from user input r.FormValue\("name"\)`
	s.One(ctx, "SELECT * FROM users WHERE name = ?", name)
	s.One(ctx, "DELETE FROM users WHERE name = "+name) // want `s.One \(which passes it to s.Raw\) runs SQL built from user input`
}

func sorted(ctx context.Context, s *store.Store, r *http.Request) {
	s.SortedBy(ctx, r.FormValue("sort")) // want `s.SortedBy \(which passes it to s.db.QueryContext\) runs SQL built from user input r.FormValue\("sort"\) as a table or column name`
	s.SortedBy(ctx, "created_at")
}

func jobs(repo *repository.Repo, r *http.Request) {
	q := r.URL.Query()
	repo.List(q.Get("sort_by"), q.Get("sort_order"), 20) // want `repo.List \(which passes it to r.db.Order\) runs SQL built from user input q.Get\("sort_by"\) \(and 1 more part\) as a table or column name`
	repo.List("created_at", "DESC", 20)
}

func filtered(db *sql.DB, r *http.Request) {
	db.Query("SELECT * FROM users WHERE " + store.NameFilter(r.FormValue("name"))) // want `db.Query runs SQL built from user input r.FormValue\("name"\)`
	db.Query("SELECT * FROM users WHERE " + store.NameFilter("bob"))               // a constant: fine
	db.Query("SELECT * FROM users" + store.OrderClause("created_at"))              // a constant: fine
	db.Query("SELECT * FROM users" + store.OrderClause(r.URL.Query().Get("sort"))) // want `as a table or column name`
}
