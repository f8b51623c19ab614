// Package styled names no driver, but its other queries, sent as they are
// written, use $N: so does the fix.
package styled

import "database/sql"

func byID(db *sql.DB, id int) {
	db.QueryRow("SELECT name FROM users WHERE id = $1", id)
}

func byName(db *sql.DB, name string) {
	db.Query("SELECT id FROM users WHERE name = '" + name + "'") // want `with a \$N placeholder`
}
