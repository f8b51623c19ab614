package basic

import "database/sql"

// Test support code outside _test.go files is not reported either.
func resetUser(db *sql.DB, name string) {
	db.Exec("DELETE FROM users WHERE name = '" + name + "'")
}
