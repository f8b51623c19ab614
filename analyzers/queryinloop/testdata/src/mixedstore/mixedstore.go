// Package mixedstore runs on SQLite in development and PostgreSQL in
// production: a loop of queries is N round trips where it matters.
package mixedstore

import (
	"context"
	"database/sql"

	_ "github.com/lib/pq"
	_ "modernc.org/sqlite"
)

type Store struct{ db *sql.DB }

func (s *Store) Names(ctx context.Context, ids []int) ([]string, error) {
	var names []string
	for _, id := range ids {
		var name string
		if err := s.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name); err != nil { // want `QueryRowContext in a loop runs one query per iteration`
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}
