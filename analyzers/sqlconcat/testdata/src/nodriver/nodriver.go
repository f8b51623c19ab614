// Package nodriver uses database/sql with no driver in sight: no fix, since
// "?" fails at run time in PostgreSQL and "$1" in MySQL.
package nodriver

import "database/sql"

func byName(db *sql.DB, name string) {
	db.Query("SELECT id FROM users WHERE name = '" + name + "'") // want `db.Query runs SQL built from parameter name: .*; pass it as an argument with a placeholder \(\$1 in PostgreSQL, \? in MySQL and SQLite\)`
}

// The query's own placeholders tell.
func withAge(db *sql.DB, name string, age int) {
	db.Query("SELECT id FROM users WHERE name = '"+name+"' AND age > ?", age) // want `with a \? placeholder`
}
