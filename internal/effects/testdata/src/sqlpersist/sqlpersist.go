// Package sqlpersist implements the persister on SQL; its package fact
// says what its methods do as implementations of other packages'
// interfaces, named by the interface that declares each method.
package sqlpersist // want package:`^implements keys.Manager.GetKeySet: db\(\(\*sqlpersist.Persister\).GetKeySet → \(\*sql.DB\).QueryRowContext\); keys.Manager.Rotate: db\(\(\*sqlpersist.Persister\).Rotate → \(\*sql.DB\).ExecContext\)$`

import (
	"context"
	"database/sql"
	"io"

	"persistence"
)

type Persister struct{ db *sql.DB }

var (
	_ persistence.Persister = (*Persister)(nil)
	_ io.Closer             = (*Persister)(nil) // the standard library's: not described here
)

func New(db *sql.DB) *Persister { return &Persister{db: db} }

func (p *Persister) GetKeySet(ctx context.Context, set string) (string, error) { // want GetKeySet:`effects: db`
	var keys string
	err := p.db.QueryRowContext(ctx, "SELECT keys FROM key_sets WHERE name = $1", set).Scan(&keys)
	return keys, err
}

func (p *Persister) Rotate(ctx context.Context, set string) error { // want Rotate:`effects: db`
	_, err := p.db.ExecContext(ctx, "UPDATE key_sets SET rotated = now() WHERE name = $1", set)
	return err
}

func (p *Persister) Ping(ctx context.Context) error { return nil }

func (p *Persister) Close() error { // want Close:`effects: db`
	_, err := p.db.ExecContext(context.Background(), "SELECT pg_advisory_unlock_all()")
	return err
}
