package basic

import "database/sql"

// A file named like test support, in a package that is not, is
// production code: reported.
func resetUser(db *sql.DB, name string) {
	db.Exec("DELETE FROM users WHERE name = '" + name + "'") // want `db.Exec runs SQL built from parameter name`
}
