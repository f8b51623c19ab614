// Package pgxloop exercises queryinloop on pgx.
package pgxloop

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func each(ctx context.Context, pool *pgxpool.Pool, ids []int) {
	for _, id := range ids {
		pool.QueryRow(ctx, "SELECT name FROM users WHERE id = $1", id) // want `pool.QueryRow in a loop runs one query per iteration: .*or queue them on a pgx.Batch`
	}
}

func batch(ctx context.Context, pool *pgxpool.Pool, ids []int) {
	var b pgx.Batch
	for _, id := range ids {
		b.Queue("SELECT name FROM users WHERE id = $1", id)
	}
	pool.SendBatch(ctx, &b)
}
