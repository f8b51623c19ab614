// Package pgxuse exercises pgx v5: PostgreSQL placeholders.
package pgxuse

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func pool(ctx context.Context, p *pgxpool.Pool, tenant int, name string) {
	p.Query(ctx, "SELECT id FROM users WHERE tenant = $1 AND name = '"+name+"'", tenant) // want `p.Query runs SQL built from parameter name: .* with a \$N placeholder`
}

func conn(ctx context.Context, c *pgx.Conn, email string) {
	c.QueryRow(ctx, fmt.Sprintf("SELECT id FROM users WHERE email = '%s'", email)) // want `c.QueryRow runs SQL built from parameter email`
}

func tx(ctx context.Context, t pgx.Tx, id string) {
	t.Exec(ctx, "DELETE FROM sessions WHERE user_id = "+id) // want `t.Exec runs SQL built from parameter id`
}

func batch(b *pgx.Batch, names []string) {
	for _, n := range names {
		b.Queue("INSERT INTO tags (name) VALUES ('" + n + "')") // want `b.Queue runs SQL built from n, an element of parameter names`
	}
}

func sanitized(ctx context.Context, p *pgxpool.Pool, table string) {
	p.Exec(ctx, "TRUNCATE "+pgx.Identifier{table}.Sanitize())
}
