// Package basic exercises sqlconcat on database/sql with lib/pq imported: // want package:"uses sql" package:"sql dialect: [$]N"
// fixes use $N.
package basic

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"
)

// --- flagged: values spliced into the SQL text ---

func byName(db *sql.DB, name string) (*sql.Rows, error) {
	return db.Query("SELECT id FROM users WHERE name = '" + name + "'") // want `^error: db.Query runs SQL built from parameter name: whoever controls it can rewrite the query \(SQL injection\); pass it as an argument with a \$N placeholder`
}

func byNameSprintf(ctx context.Context, db *sql.DB, name string) (*sql.Rows, error) {
	return db.QueryContext(ctx, fmt.Sprintf("SELECT id FROM users WHERE name = '%s'", name)) // want `db.QueryContext runs SQL built from parameter name`
}

func byID(db *sql.DB, id string) *sql.Row {
	q := "SELECT name FROM users WHERE id = " + id
	return db.QueryRow(q) // want `db.QueryRow runs SQL built from parameter id`
}

func search(db *sql.DB, r *http.Request) (*sql.Rows, error) {
	term := r.URL.Query().Get("q")
	return db.Query("SELECT id FROM posts WHERE title LIKE '%" + term + "%'") // want `db.Query runs SQL built from user input r.URL.Query\(\).Get\("q"\)`
}

func fromArgs(db *sql.DB) {
	db.Exec("DELETE FROM users WHERE name = " + os.Args[1]) // want `db.Exec runs SQL built from user input os.Args`
}

func withExistingArgs(tx *sql.Tx, name string, age int) {
	tx.Exec("UPDATE users SET age = ? WHERE name = '"+name+"'", age) // want `tx.Exec runs SQL built from parameter name`
}

func plusAssign(db *sql.DB, name, city string) {
	q := "SELECT id FROM users WHERE 1=1"
	if name != "" {
		q += " AND name = '" + name + "'"
	}
	if city != "" {
		q += " AND city = '" + city + "'"
	}
	db.Query(q) // want `db.Query runs SQL built from parameter name \(and 1 more part\)`
}

func builder(db *sql.DB, name string) {
	var b strings.Builder
	b.WriteString("SELECT id FROM users WHERE name = '")
	b.WriteString(name)
	b.WriteString("'")
	db.Query(b.String()) // want `db.Query runs SQL built from parameter name`
}

func buffer(db *sql.DB, r *http.Request) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "SELECT id FROM users WHERE email = '%s'", r.FormValue("email"))
	db.Query(b.String()) // want `db.Query runs SQL built from user input r.FormValue\("email"\)`
}

func joined(db *sql.DB, names []string) {
	db.Query("SELECT id FROM users WHERE name IN ('" + strings.Join(names, "','") + "')") // want `db.Query runs SQL built from parameter names: .* one array argument \(= ANY\(\$1\)\) in PostgreSQL, or one placeholder per value \(sqlx.In\)`
}

func replaced(db *sql.DB, name string) {
	q := strings.Replace("SELECT id FROM users WHERE name = '{name}'", "{name}", name, 1)
	db.Query(q) // want `db.Query runs SQL built from parameter name`
}

func sprint(db *sql.DB, name string) {
	db.Query(fmt.Sprint("SELECT id FROM users WHERE name = '", name, "'")) // want `db.Query runs SQL built from parameter name`
}

// --- flagged: names that come from the caller or the user ---

// sorted splices a name its callers choose: it is checked where it is called.
func sorted(db *sql.DB, order string) {
	db.Query("SELECT id FROM users ORDER BY " + order)
}

func sortedByRequest(db *sql.DB, r *http.Request) {
	sorted(db, r.FormValue("sort")) // want `sorted \(which passes it to db.Query\) runs SQL built from user input r.FormValue\("sort"\) as a table or column name: .*check it against an allowlist`
	sorted(db, "created_at")
}

// Sorted is exported: its callers in other packages are checked, through facts.
func Sorted(db *sql.DB, order string) { // want Sorted:`sql sink: names \[1\] to db.Query`
	db.Query("SELECT id FROM users ORDER BY " + order)
}

func tableFromRequest(db *sql.DB, r *http.Request) {
	db.Query(fmt.Sprintf("SELECT * FROM %s", r.FormValue("table"))) // want `as a table or column name`
}

// --- not flagged ---

const usersTable = "users"

var columns = []string{"id", "name", "email"}

func constants(db *sql.DB) {
	db.Query("SELECT " + strings.Join(columns, ", ") + " FROM " + usersTable + " WHERE id = ?")
	db.Query(fmt.Sprintf("SELECT * FROM %s WHERE id = ?", usersTable))
	q := "SELECT id FROM users"
	q += " WHERE active"
	db.Query(q)
}

func placeholders(db *sql.DB, ids []int) {
	q := "SELECT name FROM users WHERE id IN (" + strings.Repeat("?,", len(ids)-1) + "?)"
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	db.Query(q, args...)

	var ph []string
	for i := range ids {
		ph = append(ph, "$"+strconv.Itoa(i+1))
	}
	db.Query("SELECT name FROM users WHERE id IN (" + strings.Join(ph, ",") + ")")
}

func numbers(db *sql.DB, id int, score float64, active bool, since time.Time, limit int) {
	db.Query("SELECT * FROM users WHERE id = " + strconv.Itoa(id))
	db.Query(fmt.Sprintf("SELECT * FROM users WHERE score > %f AND active = %t LIMIT %d", score, active, limit))
	db.Query(fmt.Sprintf("SELECT * FROM users WHERE created_at > '%s'", since.Format(time.RFC3339)))
	db.Query(fmt.Sprintf("SELECT * FROM users WHERE id = %d", id))
}

func quoted(db *sql.DB, table string) {
	db.Query("SELECT * FROM " + pq.QuoteIdentifier(table))
}

func closedSet(db *sql.DB, sort string, desc bool) {
	col := "created_at"
	switch sort {
	case "name":
		col = "name"
	case "email":
		col = "email"
	}
	dir := "ASC"
	if desc {
		dir = "DESC"
	}
	db.Query("SELECT * FROM users ORDER BY " + col + " " + dir)

	allowed := map[string]string{"new": "created_at DESC", "old": "created_at ASC"}
	db.Query("SELECT * FROM posts ORDER BY " + allowed[sort])
}

type repo struct {
	db    *sql.DB
	table string
}

func (r *repo) count() {
	r.db.QueryRow("SELECT count(*) FROM " + r.table) // a name from configuration
}

// config is set at start-up: a value from it is not an attacker's.
var config struct{ Database struct{ Schema string } }

func configValue(db *sql.DB) {
	db.Query("SELECT 1 FROM information_schema.schemata WHERE schema_name = '" + config.Database.Schema + "'")
}

func builderOutput(db *sql.DB, build func() (string, []any)) {
	q, args := build()
	db.Query(q, args...)
	where := buildWhere()
	db.Query("SELECT * FROM users WHERE " + where)
}

func buildWhere() string { return "active" }

func notSQL(name string) string {
	return "hello, " + name
}

// run passes its query on: a wrapper, checked at its callers.
func run(db *sql.DB, query string, args ...any) (*sql.Rows, error) {
	return db.Query(query, args...)
}

func callsRun(db *sql.DB, name string) {
	run(db, "SELECT * FROM users WHERE id = $1", 1)
	run(db, "SELECT * FROM users WHERE name = '"+name+"'") // want `run \(which passes it to db.Query\) runs SQL built from parameter name`
}

func suppressed(db *sql.DB, name string) {
	//crisislint:ignore sqlconcat name is validated by the router
	db.Query("SELECT id FROM users WHERE name = '" + name + "'")
}

// A format made of constants through a variable is still a format: the
// verb splices the value in. (No fix: the format is not one literal.)
func byNameBuiltFormat(db *sql.DB, name string) (*sql.Rows, error) {
	base := "SELECT id FROM users WHERE"
	return db.Query(fmt.Sprintf(base+" name = '%s'", name)) // want `db.Query runs SQL built from parameter name`
}

// ... and its %d formats a number.
func byIDBuiltFormat(db *sql.DB, id int) (*sql.Rows, error) {
	base := "SELECT id FROM users WHERE"
	return db.Query(fmt.Sprintf(base+" id = %d", id))
}

// gosec's G202 is the same finding: reviewed under its name.
func gosecReviewed(db *sql.DB, table string) {
	db.Query("SELECT * FROM " + table + " WHERE id = 1") // #nosec G202 -- table comes from our own schema
}
