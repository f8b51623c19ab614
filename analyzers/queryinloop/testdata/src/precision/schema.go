package precision

import (
	"context"
	_ "embed"
	"strings"
)

// exec runs a statement of the program's own on the database.
func exec(ctx context.Context, q string) error {
	_, err := db.ExecContext(ctx, q)
	return err
}

// dropViews drops each view through a helper the tables do not know: the
// SQL text says it is DDL (pocketbase's DeleteView).
func dropViews(ctx context.Context, views []string) {
	for _, v := range views {
		exec(ctx, "DROP VIEW IF EXISTS "+v)
	}
}

// deleteView sends DDL itself: a loop calling it changes the schema per
// view.
func deleteView(ctx context.Context, v string) error {
	return exec(ctx, "DROP VIEW IF EXISTS "+v)
}

func resaveViews(ctx context.Context, views []string) {
	for _, v := range views {
		deleteView(ctx, v)
	}
}

// touchViews runs DML through the same helper: a query per view.
func touchViews(ctx context.Context, views []string) {
	for _, v := range views {
		exec(ctx, "UPDATE views SET touched = now() WHERE name = '"+v+"'") // want `exec in a loop runs one query per iteration`
	}
}

// App is what the program's handlers get: its one implementation drops a
// view with DDL (pocketbase's core.App).
type App interface {
	DeleteView(ctx context.Context, v string) error
	Count(ctx context.Context, v string) int
}

type baseApp struct{}

func (baseApp) DeleteView(ctx context.Context, v string) error { // want DeleteView:"job: changes the schema"
	return exec(ctx, "DROP VIEW IF EXISTS "+v)
}

func (baseApp) Count(ctx context.Context, v string) int {
	var n int
	db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+v).Scan(&n)
	return n
}

func dropAll(ctx context.Context, app App, views []string) {
	for _, v := range views {
		app.DeleteView(ctx, v)
	}
}

func countAll(ctx context.Context, app App, views []string) {
	for _, v := range views {
		app.Count(ctx, v) // want `app.Count in a loop runs one query per iteration`
	}
}

// A schema carried by the program, split into statements: a fixed
// script, not data.
const bootstrap = `CREATE TABLE IF NOT EXISTS a (id int);
CREATE INDEX IF NOT EXISTS a_id ON a (id)`

//go:embed seed.sql
var seed string

func initSchema(ctx context.Context) {
	for _, stmt := range strings.Split(bootstrap, ";") {
		db.ExecContext(ctx, stmt)
	}
	for _, stmt := range strings.Split(seed, ";") {
		db.ExecContext(ctx, stmt)
	}
}

// Statements read at run time are data: each is a round trip.
func replay(ctx context.Context, log string) {
	for _, stmt := range strings.Split(log, ";") {
		db.ExecContext(ctx, stmt) // want `ExecContext in a loop runs one query per iteration`
	}
}
