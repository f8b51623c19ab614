// Package store is a repository: its methods make DB round trips, which
// its importers learn through facts.
package store

import (
	"context"
	"database/sql"
)

type Store struct{ db *sql.DB }

type Author struct{ Name string }

func (s *Store) GetAuthor(ctx context.Context, id int) (*Author, error) {
	a := &Author{}
	err := s.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&a.Name)
	return a, err
}

// Authors is what a repository offers instead.
func (s *Store) Authors(ctx context.Context, ids []int) (map[int]*Author, error) {
	_, err := s.db.QueryContext(ctx, "SELECT id, name FROM users WHERE id = ANY($1)", ids)
	return nil, err
}

// Reader is an interface of the package: calls through it reach the
// package's implementation, which makes a round trip.
type Reader interface {
	Author(ctx context.Context, id int) (*Author, error)
}

type pgReader struct{ db *sql.DB }

func (r *pgReader) Author(ctx context.Context, id int) (*Author, error) {
	a := &Author{}
	return a, r.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&a.Name)
}

func NewReader(db *sql.DB) Reader { return &pgReader{db: db} }
