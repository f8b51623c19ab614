package basic

import (
	"database/sql"
	"testing"
)

// Tests have no attacker: SQL built in them is not reported.
func TestByName(t *testing.T) {
	var db *sql.DB
	name := t.Name()
	db.Query("SELECT id FROM users WHERE name = '" + name + "'")
}
