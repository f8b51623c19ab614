// Package sqlxuse exercises sqlx, with no driver in sight: no fixes.
package sqlxuse

import (
	"os"

	"github.com/jmoiron/sqlx"
)

type User struct{ Name string }

func selectByName(db *sqlx.DB, name string) {
	var us []User
	db.Select(&us, "SELECT * FROM users WHERE name = '"+name+"'") // want `db.Select runs SQL built from parameter name: .* with a placeholder \(\$1 in PostgreSQL, \? in MySQL and SQLite\)`
}

func get(db *sqlx.DB, id string) {
	var u User
	sqlx.Select(nil, &u, "SELECT * FROM users WHERE id = "+id) // want `sqlx.Select runs SQL built from parameter id`
}

func named(db *sqlx.DB, table string) {
	db.NamedExec("INSERT INTO "+table+" (name) VALUES (:name)", User{})
}

func namedFromArgs(db *sqlx.DB) {
	named(db, os.Args[1]) // want `named \(which passes it to db.NamedExec\) runs SQL built from user input os.Args\[1\] as a table or column name`
}

func in(db *sqlx.DB, ids []int) {
	q, args, _ := sqlx.In("SELECT * FROM users WHERE id IN (?)", ids)
	var us []User
	db.Select(&us, db.Rebind(q), args...)
}
