// Package pgstore is the store of a PostgreSQL program whose main, in
// another package, imports the driver: nothing here tells the dialect, so
// no fix ("?" would compile and fail at run time).
package pgstore

import "database/sql"

type Store struct{ db *sql.DB }

func (s *Store) ByName(name string) error {
	_, err := s.db.Query("SELECT id FROM users WHERE name = '" + name + "'") // want `s.db.Query runs SQL built from parameter name`
	return err
}
