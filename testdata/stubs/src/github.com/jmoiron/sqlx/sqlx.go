// Package sqlx is a fake of github.com/jmoiron/sqlx with the signatures crisislint relies on.
package sqlx

import (
	"context"
	"database/sql"
)

type DB struct{ *sql.DB }
type Tx struct{ *sql.Tx }
type Conn struct{ *sql.Conn }
type Rows struct{ *sql.Rows }
type Row struct{}

type Queryer interface {
	Queryx(query string, args ...interface{}) (*Rows, error)
}

func (db *DB) Queryx(query string, args ...interface{}) (*Rows, error)          { return nil, nil }
func (db *DB) QueryRowx(query string, args ...interface{}) *Row                 { return nil }
func (db *DB) Select(dest interface{}, query string, args ...interface{}) error { return nil }
func (db *DB) Get(dest interface{}, query string, args ...interface{}) error    { return nil }
func (db *DB) MustExec(query string, args ...interface{}) sql.Result            { return nil }
func (db *DB) NamedExec(query string, arg interface{}) (sql.Result, error)      { return nil, nil }
func (db *DB) Rebind(query string) string                                       { return query }
func (db *DB) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return nil
}
func (tx *Tx) Select(dest interface{}, query string, args ...interface{}) error { return nil }

func In(query string, args ...interface{}) (string, []interface{}, error) { return query, args, nil }
func Select(q Queryer, dest interface{}, query string, args ...interface{}) error {
	return nil
}

func Open(driverName, dataSourceName string) (*DB, error)    { return nil, nil }
func Connect(driverName, dataSourceName string) (*DB, error) { return nil, nil }
func MustConnect(driverName, dataSourceName string) *DB      { return nil }
func NewDb(db *sql.DB, driverName string) *DB                { return nil }
