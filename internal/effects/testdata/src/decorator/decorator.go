// Package decorator has a broker that forwards to the broker it wraps // want package:"wants implementations of decorator.Broker.Publish"
// (centrifugo's outbox brokers): the delegate is another implementation,
// not the decorator itself.
package decorator

import (
	"context"
	"database/sql"
)

type Broker interface {
	Publish(ctx context.Context, ch string) error // want Publish:`effects: db\(\(\*decorator.OutboxBroker\).Publish → \(\*sql.DB\).ExecContext\)$`
}

type Config struct{ Broker Broker }

// OutboxBroker writes to its table, and forwards leaves to the broker of
// its config, which the program may leave nil.
type OutboxBroker struct {
	db   *sql.DB
	conf Config
}

func (b *OutboxBroker) Publish(ctx context.Context, ch string) error { // want Publish:`effects: db\(\(\*sql.DB\).ExecContext\)$`
	_, err := b.db.ExecContext(ctx, "INSERT INTO outbox (channel) VALUES ($1)", ch)
	return err
}

// Forward reaches no query of its own: the delegate is not b.
func (b *OutboxBroker) Forward(ctx context.Context, ch string) error {
	if b.conf.Broker == nil {
		return nil
	}
	return b.conf.Broker.Publish(ctx, ch)
}

// Use, on a broker it is handed, may reach any implementation.
func Use(ctx context.Context, br Broker) error { // want Use:`effects: db\(\(decorator.Broker\).Publish → \(\*decorator.OutboxBroker\).Publish → \(\*sql.DB\).ExecContext if param 1's Publish does\)$`
	return br.Publish(ctx, "news")
}
