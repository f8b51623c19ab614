// Package hooks has more implementations of hook.Plugin than a call
// of Run can be said to reach: a registry of plugins.
package hooks // want package:`implements hook.Plugin.Run: db\(\(\*hooks.Audit\).Run → .*; hook.Plugin.Run: db\(\(\*hooks.Index\).Run → \(\*sql.DB\).ExecContext\)$`

import (
	"context"
	"database/sql"

	"hook"
)

var db *sql.DB

var All = []hook.Plugin{new(Audit), new(Billing), new(Cleanup), new(Digest), new(Export), new(Feed), new(Gc), new(Hooks), new(Index)}

type Audit struct{}

func (*Audit) Run(ctx context.Context) error { // want Run:`effects: db`
	_, err := db.ExecContext(ctx, "SELECT 1")
	return err
}

type Billing struct{}

func (*Billing) Run(ctx context.Context) error { // want Run:`effects: db`
	_, err := db.ExecContext(ctx, "SELECT 1")
	return err
}

type Cleanup struct{}

func (*Cleanup) Run(ctx context.Context) error { // want Run:`effects: db`
	_, err := db.ExecContext(ctx, "SELECT 1")
	return err
}

type Digest struct{}

func (*Digest) Run(ctx context.Context) error { // want Run:`effects: db`
	_, err := db.ExecContext(ctx, "SELECT 1")
	return err
}

type Export struct{}

func (*Export) Run(ctx context.Context) error { // want Run:`effects: db`
	_, err := db.ExecContext(ctx, "SELECT 1")
	return err
}

type Feed struct{}

func (*Feed) Run(ctx context.Context) error { // want Run:`effects: db`
	_, err := db.ExecContext(ctx, "SELECT 1")
	return err
}

type Gc struct{}

func (*Gc) Run(ctx context.Context) error { // want Run:`effects: db`
	_, err := db.ExecContext(ctx, "SELECT 1")
	return err
}

type Hooks struct{}

func (*Hooks) Run(ctx context.Context) error { // want Run:`effects: db`
	_, err := db.ExecContext(ctx, "SELECT 1")
	return err
}

type Index struct{}

func (*Index) Run(ctx context.Context) error { // want Run:`effects: db`
	_, err := db.ExecContext(ctx, "SELECT 1")
	return err
}
