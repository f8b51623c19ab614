// Package dbtx calls the database through an interface of its own, as
// sqlc-generated code does.
package dbtx

import (
	"context"
	"database/sql"
)

type DBTX interface {
	ExecContext(context.Context, string, ...interface{}) (sql.Result, error)
	QueryContext(context.Context, string, ...interface{}) (*sql.Rows, error)
}

type Queries struct{ db DBTX }

func (q *Queries) DeleteUser(ctx context.Context, name string) error {
	_, err := q.db.ExecContext(ctx, "DELETE FROM users WHERE name = '"+name+"'") // want `q.db.ExecContext runs SQL built from parameter name`
	return err
}

const listUsers = "SELECT id, name FROM users WHERE org = ?"

func (q *Queries) ListUsers(ctx context.Context, org string) (*sql.Rows, error) {
	return q.db.QueryContext(ctx, listUsers, org)
}

// Logger has a method named like a sink that is not one.
type Logger interface {
	ExecContext(ctx context.Context, msg string) error
}

func logs(ctx context.Context, l Logger, name string) {
	l.ExecContext(ctx, "deleted user '"+name+"'")
}
