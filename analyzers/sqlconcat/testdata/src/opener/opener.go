// Package opener opens a PostgreSQL database by the driver's name, with // want package:"sql dialect: [$]N"
// the driver imported elsewhere: fixes use $N.
package opener

import "github.com/jmoiron/sqlx"

func open(dsn string) *sqlx.DB { return sqlx.MustConnect("postgres", dsn) }

func byName(db *sqlx.DB, name string) {
	var ids []int
	db.Select(&ids, "SELECT id FROM users WHERE name = '"+name+"'") // want `with a \$N placeholder`
}
