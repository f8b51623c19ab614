// Package sqlapp uses the real SQL libraries crisislint knows, so the tests
// see that sqlconcat matches their APIs as they are.
package sqlapp

import (
	"context"
	"fmt"
	"os"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"gorm.io/gorm"
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
