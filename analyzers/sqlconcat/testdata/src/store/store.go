// Package store is a repository layer: its wrappers and SQL-building // want package:"uses sql"
// helpers are sinks and sources for the packages that use it.
package store

import (
	"context"
	"database/sql"
	"fmt"
)

type Store struct{ db *sql.DB }

// Raw runs SQL written by its caller.
func (s *Store) Raw(ctx context.Context, query string, args ...any) (*sql.Rows, error) { // want Raw:"sql sink: parameter 1 to s.db.QueryContext"
	return s.db.QueryContext(ctx, query, args...)
}

// One wraps Raw: a wrapper of a wrapper.
func (s *Store) One(ctx context.Context, query string, args ...any) error { // want One:"sql sink: parameter 1 to s.Raw"
	_, err := s.Raw(ctx, query, args...)
	return err
}

// SortedBy splices a column name its callers choose: they are checked.
func (s *Store) SortedBy(ctx context.Context, col string) error { // want SortedBy:`sql sink: names \[1\] to s.db.QueryContext`
	_, err := s.db.QueryContext(ctx, "SELECT * FROM users ORDER BY "+col)
	return err
}

// NameFilter returns a WHERE clause with the name spliced in.
func NameFilter(name string) string { // want NameFilter:"sql text: \"name = '\"{param 0}\"'\""
	return "name = '" + name + "'"
}

// OrderClause returns an ORDER BY clause for a column chosen by the caller.
func OrderClause(col string) string { // want OrderClause:"sql text: \" ORDER BY \"{param 0}"
	return " ORDER BY " + col
}

// Greeting is not SQL: no fact.
func Greeting(name string) string { return fmt.Sprintf("hello %s", name) }
