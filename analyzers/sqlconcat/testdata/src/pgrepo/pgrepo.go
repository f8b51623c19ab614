// Package pgrepo imports pgdb, which imports the PostgreSQL driver: fixes // want package:"sql dialect: [$]N"
// use $N.
package pgrepo

import (
	"database/sql"

	"pgdb"
)

var _ = pgdb.Open

func byName(db *sql.DB, name string) {
	db.Query("SELECT id FROM users WHERE name = '" + name + "'") // want `with a \$N placeholder`
}
