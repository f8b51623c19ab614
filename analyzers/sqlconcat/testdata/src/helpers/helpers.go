// Package helpers has SQL helpers whose callers are all in the package.
package helpers

import (
	"database/sql"
	"fmt"
	"strings"
)

// placeholder and placeholders build "$1, $2, ...": safe text, though it is
// built at run time.
func placeholder(n int) string { return "$" + fmt.Sprint(n) }

func placeholders(n int) string {
	list := []string{}
	for i := 0; i < n; i++ {
		list = append(list, placeholder(i+1))
	}
	return strings.Join(list, ", ")
}

func insert(db *sql.DB, name, email string) {
	db.Exec("INSERT INTO users (name, email) VALUES ("+placeholders(2)+")", name, email)
	db.Exec("UPDATE users SET name = "+placeholder(1)+" WHERE email = "+placeholder(2), name, email)
}

const latest = "v2.1.0"

// recordVersion is only ever called with constants.
func recordVersion(db *sql.DB, ver string) error {
	_, err := db.Exec(fmt.Sprintf(`INSERT INTO settings (key, value) VALUES('migrations', '["%s"]')`, ver))
	return err
}

func migrate(db *sql.DB) {
	recordVersion(db, "v2.0.0")
	recordVersion(db, latest)
}

// countRows is only ever called with table names written in the code.
func countRows(db *sql.DB, table string) {
	db.QueryRow("SELECT count(*) FROM " + table)
}

func stats(db *sql.DB) {
	countRows(db, "users")
	countRows(db, "posts")
}

// deleteBy is called by an exported function with that function's own
// parameter: the value is the caller's caller's to choose.
func deleteBy(db *sql.DB, col, val string) {
	db.Exec("DELETE FROM users WHERE " + col + " = '" + val + "'") // want `db.Exec runs SQL built from parameter val`
}

func DeleteByName(db *sql.DB, name string) { deleteBy(db, "name", name) }

// lookup is also used as a value: its callers cannot all be seen.
func lookup(db *sql.DB, col string) {
	db.Query("SELECT id FROM users ORDER BY " + col) // want `^warning: .*parameter col as a table or column name`
}

var finders = []func(*sql.DB, string){lookup}

func Find(db *sql.DB) { lookup(db, "name") }
