// Package store is a storage layer written before contexts: none of its
// methods takes one.
package store

import "database/sql"

type Store struct{ db *sql.DB }

func (s *Store) UserByID(id int64) (name string, err error) {
	err = s.db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}

func (s *Store) Feeds(user int64) (*sql.Rows, error) {
	return s.db.Query("SELECT id FROM feeds WHERE user_id = $1", user)
}

func (s *Store) MarkRead(user int64) error {
	_, err := s.db.Exec("UPDATE entries SET read = true WHERE user_id = $1", user)
	return err
}
