// Package store writes to a database; its callers retry it.
package store

import "database/sql"

type Store struct{ db *sql.DB }

func (s *Store) Save(v string) error {
	_, err := s.db.Exec("INSERT INTO t VALUES ($1)", v)
	return err
}
