// Package persistence declares everything the application stores as one
// interface, and a registry that hands it out.
package persistence

import (
	"context"

	"keys"
)

type Persister interface {
	keys.Manager
	Ping(ctx context.Context) error
}

type Provider interface {
	Persister() Persister
}
