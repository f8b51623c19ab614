// Package pgdb opens the database: it imports the PostgreSQL driver, and // want package:"sql dialect: [$]N"
// the packages that import it know the dialect through a fact.
package pgdb

import (
	"database/sql"

	_ "github.com/lib/pq"
)

func Open(dsn string) (*sql.DB, error) { return sql.Open("postgres", dsn) }
