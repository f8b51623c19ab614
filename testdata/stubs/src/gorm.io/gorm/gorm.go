// Package gorm is a fake of gorm.io/gorm with the signatures crisislint relies on.
package gorm

import "context"

type DB struct{ Error error }

func (db *DB) WithContext(ctx context.Context) *DB { return db }

func (db *DB) Where(query interface{}, args ...interface{}) (tx *DB) { return db }
func (db *DB) Or(query interface{}, args ...interface{}) (tx *DB)    { return db }
func (db *DB) Not(query interface{}, args ...interface{}) (tx *DB)   { return db }
func (db *DB) Having(query interface{}, args ...interface{}) (tx *DB) {
	return db
}
func (db *DB) Select(query interface{}, args ...interface{}) (tx *DB) { return db }
func (db *DB) Raw(sql string, values ...interface{}) (tx *DB)         { return db }
func (db *DB) Exec(sql string, values ...interface{}) (tx *DB)        { return db }
func (db *DB) Joins(query string, args ...interface{}) (tx *DB)       { return db }
func (db *DB) Order(value interface{}) (tx *DB)                       { return db }
func (db *DB) Group(name string) (tx *DB)                             { return db }
func (db *DB) Find(dest interface{}, conds ...interface{}) (tx *DB)   { return db }
func (db *DB) First(dest interface{}, conds ...interface{}) (tx *DB)  { return db }
func (db *DB) Scan(dest interface{}) (tx *DB)                         { return db }
func (db *DB) Take(dest interface{}, conds ...interface{}) (tx *DB)   { return db }
func (db *DB) Last(dest interface{}, conds ...interface{}) (tx *DB)   { return db }
func (db *DB) Distinct(args ...interface{}) (tx *DB)                  { return db }
func (db *DB) Pluck(column string, dest interface{}) (tx *DB)         { return db }

func (db *DB) Preload(query string, args ...interface{}) (tx *DB) { return db }
func (db *DB) Create(value interface{}) (tx *DB)                  { return db }

func (db *DB) Model(value interface{}) (tx *DB)                        { return db }
func (db *DB) Table(name string, args ...interface{}) (tx *DB)         { return db }
func (db *DB) Save(value interface{}) (tx *DB)                         { return db }
func (db *DB) Update(column string, value interface{}) (tx *DB)        { return db }
func (db *DB) Updates(values interface{}) (tx *DB)                     { return db }
func (db *DB) Delete(value interface{}, conds ...interface{}) (tx *DB) { return db }

// Expression is a SQL expression with its arguments, as gorm.Expr makes.
type Expression struct {
	SQL  string
	Vars []interface{}
}

func Expr(expr string, args ...interface{}) Expression { return Expression{SQL: expr, Vars: args} }
