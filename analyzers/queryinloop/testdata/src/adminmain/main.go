// Command adminmain is a program of its own.
package main

import (
	"context"
	"database/sql"
)

func main() {
	var db *sql.DB
	for _, id := range []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18} {
		db.ExecContext(context.Background(), "DELETE FROM sessions WHERE user_id = $1", id)
	}
}
