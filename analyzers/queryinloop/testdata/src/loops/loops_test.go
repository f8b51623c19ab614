package loops

import (
	"context"
	"database/sql"
	"testing"
)

func TestSeed(t *testing.T) {
	var db *sql.DB
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q"} {
		db.ExecContext(context.Background(), "INSERT INTO users (name) VALUES ($1)", n)
	}
}
