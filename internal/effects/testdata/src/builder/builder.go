// Package builder is a query builder, as bun and squirrel are: a guard on // want package:"wants implementations of builder.Builder.Where, builder.Scanner.Scan"
// the builder's error is no cache, and a row's Scan does not query again.
package builder

import (
	"context"
	"database/sql"
)

var db *sql.DB

// Scanner is what a query hands back: a row, or a builder that queries
// when scanned.
type Scanner interface {
	Scan(dest ...any) error // want Scan:`effects: db\(\(\*builder.Query\).Scan → \(\*sql.DB\).QueryRow\), nocontext`
}

type Query struct {
	err error
}

// Scan queries; the guard on q.err is an early failure, not a lazy load.
func (q *Query) Scan(dest ...any) error { // want Scan:`effects: db\(\(\*sql.DB\).QueryRow\), nocontext`
	if q.err != nil {
		return q.err
	}
	return db.QueryRow("SELECT 1").Scan(dest...)
}

// Row is what QueryRow hands back.
type Row struct{ row *sql.Row }

func (r *Row) Scan(dest ...any) error { return r.row.Scan(dest...) }

func (q *Query) QueryRow() Scanner { // want QueryRow:`effects: db\(\(\*sql.DB\).QueryRow\), nocontext`
	return &Row{db.QueryRow("SELECT 1")}
}

// Name queries once: the Scan of the row QueryRow returned is the same
// round trip, though another Scanner's Scan would query.
func Name(q *Query) (name string) { // want Name:`effects: db\(\(\*builder.Query\).QueryRow → \(\*sql.DB\).QueryRow\), nocontext\(\(\*builder.Query\).QueryRow → \(\*sql.DB\).QueryRow\)$`
	q.QueryRow().Scan(&name)
	return name
}

// Builder is a query builder behind an interface, refined by reassigning
// it, as squirrel and bun users write q = q.Where(...).
type Builder interface {
	Where(cond string) Builder // want Where:`effects: db\(\(\*builder.Query\).Where → \(\*sql.DB\).QueryRow\), nocontext`
	Scanner
}

// Where checks the condition against the database, so that following
// what made a builder has effects to find.
func (q *Query) Where(cond string) Builder { // want Where:`effects: db\(\(\*sql.DB\).QueryRow\), nocontext`
	db.QueryRow("SELECT " + cond)
	return q
}

// Filter's parameter q has one write, made by a call on q itself: what
// made q's receiver is that same call, which must be followed once, not
// forever.
func Filter(q Builder) error { // want Filter:`effects: db`
	q = q.Where("a")
	return q.Where("b").Scan()
}

// QueryRowContext queries with the caller's context.
func (q *Query) QueryRowContext(ctx context.Context) Scanner { // want QueryRowContext:`effects: db\(\(\*sql.DB\).QueryRowContext\)$`
	return &Row{db.QueryRowContext(ctx, "SELECT 1")}
}

// Named's row was made with its context: scanning it, through the
// interface, neither queries again nor loses the context, though
// Query's Scan would query without one.
func Named(ctx context.Context, q *Query) (name string) { // want Named:`effects: db\(\(\*builder.Query\).QueryRowContext → \(\*sql.DB\).QueryRowContext\)$`
	row := q.QueryRowContext(ctx)
	row.Scan(&name)
	return name
}
