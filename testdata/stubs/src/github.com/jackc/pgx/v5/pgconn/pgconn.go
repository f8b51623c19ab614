// Package pgconn is a fake of github.com/jackc/pgx/v5/pgconn.
package pgconn

type CommandTag struct{}
