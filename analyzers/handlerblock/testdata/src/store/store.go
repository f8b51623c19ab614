// Package store runs queries without a context; its importers learn it
// through facts.
package store

import (
	"context"
	"database/sql"
	"regexp"
	"sync"
)

type Store struct{ db *sql.DB }

func (s *Store) Name(id string) (string, error) {
	var name string
	err := s.db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}

// Profile loads its owner's name on first use.
type Profile struct {
	db   *sql.DB
	Name string
}

func (p *Profile) LoadName(ctx context.Context) error {
	if p.Name != "" {
		return nil
	}
	return p.db.QueryRowContext(ctx, "SELECT name FROM users LIMIT 1").Scan(&p.Name)
}

// Slug compiles its pattern on every call: its package's design, which a
// handler that calls it cannot hoist.
func Slug(s string) bool {
	return regexp.MustCompile(`^[a-z0-9-]+$`).MatchString(s)
}

var names sync.Map

// CachedName queries once per id: a cache's load, not what each request
// waits for.
func (s *Store) CachedName(id string) string {
	if n, ok := names.Load(id); ok {
		return n.(string)
	}
	var n string
	s.db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&n)
	names.Store(id, n)
	return n
}
