// Package fieldsql carries SQL and its parts in struct fields, which a
// handler fills from the request in the same function: the field holds
// what the literal or the constructor put there.
package fieldsql

import (
	"database/sql"
	"net/http"
)

type Query struct{ SQL string }

type Builder struct {
	table string
	limit int
}

func newBuilder(table string) *Builder { return &Builder{table: table} }

func newQuery(sql string) (*Query, error) { return &Query{SQL: sql}, nil }

func Literal(db *sql.DB, r *http.Request) {
	q := &Query{SQL: r.FormValue("q")}
	db.Query(q.SQL) // want `^error: db.Query runs SQL text that is user input r.FormValue\("q"\) itself: whoever sends it runs any query they like \(SQL injection\); run only SQL the program writes, and pass the client's values to it as arguments$`
}

func Alias(db *sql.DB, r *http.Request) {
	q := &Query{SQL: r.FormValue("q")}
	p := q
	db.Query((*p).SQL) // want `runs SQL text that is user input r.FormValue\("q"\) itself`
}

func Branches(db *sql.DB, r *http.Request) {
	var q *Query
	if r.FormValue("admin") != "" {
		q = &Query{SQL: r.FormValue("admin_query")}
	} else {
		q = &Query{SQL: "SELECT 1"}
	}
	db.Query(q.SQL) // want `runs SQL text that is user input r.FormValue\("admin_query"\) itself`
}

func Constructor(db *sql.DB, r *http.Request) {
	b := newBuilder(r.FormValue("table"))
	db.Query("SELECT * FROM " + b.table) // want `runs SQL built from user input r.FormValue\("table"\) as a table or column name`
	q, _ := newQuery(r.FormValue("q"))
	db.Query(q.SQL) // want `runs SQL text that is user input r.FormValue\("q"\) itself`
}

// OK: the field is set again after the literal, to a constant.
func SetAfter(db *sql.DB, r *http.Request) {
	q := &Query{SQL: r.FormValue("q")}
	q.SQL = "SELECT 1"
	db.Query(q.SQL)
}

// OK: the program's own table.
func OwnTable(db *sql.DB) {
	b := &Builder{table: "users"}
	db.Query("SELECT * FROM " + b.table)
}

// tableFor builds a table name from its parameter: a call is judged by
// what its caller passes.
func tableFor(tenant string) string { return "t_" + tenant }

func Tenant(db *sql.DB, r *http.Request) {
	db.Query("SELECT * FROM " + tableFor(r.FormValue("tenant"))) // want `runs SQL built from user input r.FormValue\("tenant"\) as a table or column name`
	db.Query("SELECT * FROM " + tableFor("acme"))                // OK: the program's own table
}
