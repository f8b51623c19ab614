package retryapp

import (
	"context"
	"database/sql"
	"errors"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
)

// OK: a serialization failure or a deadlock, by its SQLSTATE, is retried;
// any other error ends the loop, so a database that is down is tried once.
func transfer(ctx context.Context, db *sql.DB) error {
	for {
		_, err := db.ExecContext(ctx, "UPDATE acct SET bal = bal - 1 WHERE id = 1")
		if err == nil {
			return nil
		}
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && (pgErr.Code == "40001" || pgErr.Code == "40P01") {
			continue
		}
		return err
	}
}

// OK: MySQL's deadlock, by its number.
func reserve(ctx context.Context, db *sql.DB) error {
	for {
		_, err := db.ExecContext(ctx, "UPDATE stock SET n = n - 1 WHERE id = 1")
		if err == nil {
			return nil
		}
		var me *mysql.MySQLError
		if errors.As(err, &me) && me.Number == 1213 {
			continue
		}
		return err
	}
}

// A connection failure (SQLSTATE class 08) is the database being down.
func reconnect(ctx context.Context, db *sql.DB) error {
	for {
		_, err := db.ExecContext(ctx, "UPDATE acct SET bal = bal - 1 WHERE id = 1") // want `db.ExecContext is retried in a loop with no pause and no bound`
		if err == nil {
			return nil
		}
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "08006" {
			continue
		}
		return err
	}
}

// A conflict code beside a timeout retries a database that is down too.
func conflictOrTimeout(ctx context.Context, db *sql.DB) error {
	for {
		_, err := db.ExecContext(ctx, "UPDATE acct SET bal = bal - 1 WHERE id = 1") // want `db.ExecContext is retried in a loop with no pause and no bound`
		if err == nil {
			return nil
		}
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "40001" || errors.Is(err, context.DeadlineExceeded) {
			continue
		}
		return err
	}
}
