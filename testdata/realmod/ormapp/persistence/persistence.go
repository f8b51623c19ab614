// Package persistence declares what the service's handlers need from
// storage, as ory's services do: the handlers call it through a registry,
// and the implementation (persistence/sql, on pop) is wired in elsewhere.
package persistence

import "context"

// Identity is a user of the service.
type Identity struct {
	ID     string `db:"id"`
	Traits string `db:"traits"`
}

// Persister stores identities.
type Persister interface {
	GetIdentity(ctx context.Context, id string) (*Identity, error)
	ListIdentities(ctx context.Context, ids []string) ([]Identity, error)
}

// Provider gives the persister.
type Provider interface {
	Persister() Persister
}
