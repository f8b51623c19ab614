package a

import (
	"context"
	"database/sql"
	"strings"
)

var upper = strings.ToUpper("x") // want `ToUpper in package level, of 2, named 2`

type Store interface {
	Get(ctx context.Context, id int) string
}

func Max[T int | float64](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func use(ctx context.Context, db *sql.DB, s Store) {
	db.QueryRowContext(ctx, "SELECT 1") // want `QueryRowContext in use, of 1, named 1`
	s.Get(ctx, 1)                       // want `Get in use, of 1, named 1`
	Max(1, 2)                           // want `Max in use, of 2, named 2`
	Max(1.5, 2)                         // want `Max in use, of 2, named 2`
	func() {
		strings.ToUpper("y") // want `ToUpper in use, of 2, named 2`
	}()
	_ = len("builtin")
	_ = sql.NullString{}
	_ = string([]byte("conversion"))
	f := strings.ToLower
	f("a function value")
}
