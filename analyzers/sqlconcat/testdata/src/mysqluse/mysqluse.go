// Package mysqluse uses database/sql with the MySQL driver: fixes use "?". // want package:"sql dialect: [?]"
package mysqluse

import (
	"database/sql"
	"fmt"
	"net/http"

	_ "github.com/go-sql-driver/mysql"
)

const usersTable = "users"

func middle(db *sql.DB, name string, age int) {
	db.Query("SELECT id FROM users WHERE name = '"+name+"' AND age > ?", age) // want `db.Query runs SQL built from parameter name`
}

func keepsVerbs(db *sql.DB, name string) {
	db.Query(fmt.Sprintf("SELECT id FROM %s WHERE name = '%s'", usersTable, name)) // want `db.Query runs SQL built from parameter name`
}

func raw(db *sql.DB, email string, limit int) {
	q := fmt.Sprintf(`
		SELECT id, name
		FROM users
		WHERE email = '%s'
		LIMIT %d`, email, limit)
	db.Query(q) // want `db.Query runs SQL built from parameter email`
}

func percent(db *sql.DB, name string) {
	db.Query(fmt.Sprintf("SELECT id FROM users WHERE name LIKE 'a%%' AND nick = '%s'", name)) // want `db.Query runs SQL built from parameter name`
}

func values(db *sql.DB, name, email string) {
	db.Exec("INSERT INTO users (name, email) VALUES ('" + name + "', '" + email + "')") // want `db.Exec runs SQL built from parameter name`
}

// No fix: the value is computed before the variable is used, and the
// variable it comes from changes in between.
func reassigned(db *sql.DB, name string) {
	q := "SELECT id FROM users WHERE name = '" + name + "'"
	name = "x"
	db.Query(q) // want `db.Query runs SQL built from parameter name`
}

// No fix: a name, not a value.
func column(db *sql.DB, r *http.Request) {
	col := r.URL.Query().Get("col")
	db.Query("SELECT " + col + " FROM users") // want `as a table or column name`
}
