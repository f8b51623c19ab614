// Package sqlxpg uses sqlx with PostgreSQL: sqlx passes the SQL to the // want package:"sql dialect: [$]N"
// driver as it is, so fixes use $N.
package sqlxpg

import (
	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"
)

type User struct{ Name string }

func byName(db *sqlx.DB, name string) {
	var us []User
	db.Select(&us, "SELECT * FROM users WHERE name = '"+name+"'") // want `db.Select runs SQL built from parameter name: .* with a \$N placeholder`
}
