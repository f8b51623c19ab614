// Package sqlapp uses the real SQL libraries crisislint knows, so the tests
// see that sqlconcat matches their APIs as they are.
package sqlapp

import (
	"context"
	"fmt"
	"os"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	sq "github.com/Masterminds/squirrel"
	"github.com/gobuffalo/pop/v6"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/uptrace/bun"
	"gorm.io/gorm"
	"xorm.io/xorm"
)

type User struct{ Name string }

func sqlxSelect(db *sqlx.DB, name string) {
	var us []User
	db.Select(&us, "SELECT * FROM users WHERE name = '"+name+"'") // want `db.Select runs SQL built from parameter name`
	q, args, _ := sqlx.In("SELECT * FROM users WHERE name IN (?)", []string{name})
	db.Select(&us, db.Rebind(q), args...)
}

func pgxQuery(ctx context.Context, pool *pgxpool.Pool, tx pgx.Tx, email, table string) {
	pool.Query(ctx, fmt.Sprintf("SELECT * FROM users WHERE email = '%s'", email)) // want `pool.Query runs SQL built from parameter email`
	tx.Exec(ctx, "DELETE FROM users WHERE email = "+email)                        // want `tx.Exec runs SQL built from parameter email`
	pool.Exec(ctx, "TRUNCATE "+pgx.Identifier{table}.Sanitize())
	pool.Exec(ctx, "TRUNCATE "+pq.QuoteIdentifier(table))
	var b pgx.Batch
	b.Queue("DELETE FROM users WHERE email = '" + email + "'") // want `b.Queue runs SQL built from parameter email`
}

func gormWhere(db *gorm.DB, name string) {
	var us []User
	db.Where("name = '" + name + "'").Find(&us) // want `db.Where runs SQL built from parameter name`
	db.Where("name = ?", name).Order("created_at").Find(&us)
	db.Raw("SELECT * FROM users ORDER BY " + os.Getenv("SORT")).Scan(&us)
	db.Raw("SELECT * FROM users ORDER BY " + os.Args[1]).Scan(&us) // want `db.Raw runs SQL built from user input os.Args\[1\] as a table or column name`
}

func gormInline(db *gorm.DB, name string) {
	var u User
	var us []User
	db.First(&u, os.Args[1])                             // want `db.First runs SQL built from user input os.Args\[1\] as a condition`
	db.Find(&us, "name = '"+name+"'")                    // want `db.Find runs SQL built from parameter name`
	db.Delete(&User{}, fmt.Sprintf("name = '%s'", name)) // want `db.Delete runs SQL built from parameter name`
	db.Distinct(os.Args[1]).Find(&us)                    // want `db.Distinct runs SQL built from user input os.Args\[1\] as a table or column name`
	db.Table(os.Args[1]).Find(&us)                       // want `db.Table runs SQL built from user input os.Args\[1\] as a table or column name`
	db.Model(&User{}).Pluck(os.Args[1], &[]string{})     // want `Pluck runs SQL built from user input os.Args\[1\] as a table or column name`
	db.First(&u, "name = ?", name)
	db.Last(&u, 7)
}

func squirrelBuilder(db sq.BaseRunner, name string) {
	sq.Select("id").From("users").Where("name = '" + name + "'").RunWith(db).Query() // want `Where runs SQL built from parameter name`
	sq.Select("id").From("users").OrderBy(os.Args[1]).RunWith(db).Query()            // want `OrderBy runs SQL built from user input os.Args\[1\] as a table or column name`
	sq.Select("id").From("users").Where(sq.Expr("lower(name) = '" + name + "'"))     // want `sq.Expr runs SQL built from parameter name`
	sq.Select("id").From("users").Where(sq.Eq{"name": name}).OrderBy("id").RunWith(db).Query()
	sq.Select("id").From("users").Where("name = ?", name).RunWith(db).Query()
}

func bunQuery(ctx context.Context, db *bun.DB, name, sort string) {
	var us []User
	db.NewSelect().Model(&us).Where("name = '" + name + "'").Scan(ctx)                   // want `Where runs SQL built from parameter name`
	db.NewSelect().Model(&us).OrderExpr(os.Args[1]).Scan(ctx)                            // want `OrderExpr runs SQL built from user input os.Args\[1\] as a table or column name`
	db.NewRaw(fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name)).Scan(ctx, &us) // want `db.NewRaw runs SQL built from parameter name`
	db.NewSelect().Model(&us).Where("name = ?", name).Order(sort).Scan(ctx)
	db.NewRaw("SELECT * FROM users WHERE name = ?", name).Scan(ctx, &us)
}

func popQuery(tx *pop.Connection, name string) {
	var us []User
	tx.Where("name = '" + name + "'").All(&us)                                       // want `tx.Where runs SQL built from parameter name`
	tx.RawQuery(fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name)).All(&us) // want `tx.RawQuery runs SQL built from parameter name`
	tx.Order(os.Args[1]).All(&us)                                                    // want `tx.Order runs SQL built from user input os.Args\[1\] as a table or column name`
	tx.Where("name = ?", name).Order("id").All(&us)
}

func xormQuery(engine *xorm.Engine, name string) {
	engine.Exec("UPDATE users SET name = '" + name + "'")                 // want `engine.Exec runs SQL built from parameter name`
	engine.QueryString("SELECT * FROM users WHERE name = '" + name + "'") // want `engine.QueryString runs SQL built from parameter name`
	engine.Exec("UPDATE users SET name = ?", name)
}

func entDriver(ctx context.Context, drv dialect.Driver, name string) {
	var rows entsql.Rows
	drv.Query(ctx, "SELECT id FROM users WHERE name = '"+name+"'", []any{}, &rows)               // want `drv.Query runs SQL built from parameter name`
	entsql.Select("id").From(entsql.Table("users")).Where(entsql.ExprP("name = '" + name + "'")) // want `entsql.ExprP runs SQL built from parameter name`
	drv.Query(ctx, "SELECT id FROM users WHERE name = $1", []any{name}, &rows)
	entsql.Select("id").From(entsql.Table("users")).Where(entsql.EQ("name", name))
}
