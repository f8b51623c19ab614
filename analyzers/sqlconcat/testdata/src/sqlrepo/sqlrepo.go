// Package sqlrepo sends SQL that sqlutil, a package without a SQL import, // want package:"uses sql" package:"sql dialect: [$]N"
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

// where passes a whole condition on: its callers are judged, and told it
// is a condition, not a name.
func (p *Repo) where(ctx context.Context, cond string) { // want where:`sql sink: names \[1\], conditions \[1\] to p.db.QueryContext`
	p.db.QueryContext(ctx, "SELECT id FROM orders WHERE "+cond)
}

func (p *Repo) byStatus(ctx context.Context, r *http.Request) {
	p.where(ctx, "status = '"+r.FormValue("status")+"'") // want `p.where \(which passes it to p.db.QueryContext\) runs SQL built from user input r.FormValue\("status"\) as a condition`
	p.where(ctx, "status = 'open'")
}

// Orders is what handlers see of the repository: calls through it reach
// Repo's methods.
type Orders interface {
	Filter(ctx context.Context, cond string)
	Sorted(ctx context.Context, column string)
}

func (p *Repo) Filter(ctx context.Context, cond string) { // want Filter:`sql sink: names \[1\], conditions \[1\] to p.db.QueryContext`
	p.db.QueryContext(ctx, "SELECT id FROM orders WHERE "+cond)
}

func (p *Repo) Sorted(ctx context.Context, column string) { // want Sorted:`sql sink: names \[1\] to p.db.QueryContext`
	p.db.QueryContext(ctx, "SELECT id FROM orders ORDER BY "+column)
}

func byInterface(ctx context.Context, o Orders, r *http.Request) {
	o.Filter(ctx, r.FormValue("where")) // want `o.Filter \(which passes it to p.db.QueryContext\) runs SQL built from user input r.FormValue\("where"\) as a condition`
	o.Sorted(ctx, "created_at")
}
