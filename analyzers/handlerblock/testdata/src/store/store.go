// Package store runs queries without a context; its importers learn it
// through facts.
package store

import "database/sql"

type Store struct{ db *sql.DB }

func (s *Store) Name(id string) (string, error) {
	var name string
	err := s.db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}
