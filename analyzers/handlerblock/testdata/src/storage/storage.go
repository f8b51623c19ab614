// Package storage is a storage layer written before contexts, as
// miniflux's is: none of its methods takes one.
package storage

import "database/sql"

type Storage struct{ db *sql.DB }

func (s *Storage) UserByID(id int64) (string, error) { return s.fetchUser("id", id) }

func (s *Storage) UserByName(name string) (string, error) { return s.fetchUser("name", name) }

func (s *Storage) fetchUser(col string, v any) (string, error) {
	var name string
	err := s.db.QueryRow("SELECT name FROM users WHERE id = $1", v).Scan(&name)
	return name, err
}

func (s *Storage) Categories(userID int64) ([]string, error) {
	rows, err := s.db.Query("SELECT title FROM categories WHERE user_id = $1", userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		rows.Scan(&t)
		out = append(out, t)
	}
	return out, nil
}

func (s *Storage) MarkRead(entryID int64) error {
	_, err := s.db.Exec("UPDATE entries SET status = 'read' WHERE id = $1", entryID)
	return err
}

func (s *Storage) CategoryExists(id int64) bool {
	var ok bool
	s.db.QueryRow("SELECT true FROM categories WHERE id = $1", id).Scan(&ok)
	return ok
}
