// Package sqlrepo sends SQL that sqlutil, a package without a SQL import, // want package:"sql dialect: [$]N"
// builds.
package sqlrepo

import (
	"context"
	"database/sql"
	"net/http"

	_ "github.com/lib/pq"

	"sqlutil"
)

type Repo struct{ db *sql.DB }

func (p *Repo) Search(ctx context.Context, term string) {
	p.db.QueryContext(ctx, "SELECT id FROM orders WHERE "+sqlutil.SearchCond("status", term)) // want `p.db.QueryContext runs SQL built from parameter term`
}

func (p *Repo) ByIDs(ctx context.Context, ids []any) {
	p.db.QueryContext(ctx, "SELECT id FROM orders WHERE id IN ("+sqlutil.Placeholders(1, len(ids))+")", ids...)
	p.db.QueryContext(ctx, "SELECT id FROM orders WHERE id IN ("+sqlutil.Questions(len(ids))+")", ids...)
}

func (p *Repo) List(ctx context.Context, r *http.Request) {
	q := r.URL.Query()
	p.db.QueryContext(ctx, "SELECT id FROM orders"+sqlutil.OrderClause(q.Get("sort"), q.Get("dir"))) // want `runs SQL built from user input q.Get\("sort"\) \(and 1 more part\) as a table or column name`
	p.db.QueryContext(ctx, "SELECT id FROM orders"+sqlutil.OrderClause("created_at", "DESC"))
}
