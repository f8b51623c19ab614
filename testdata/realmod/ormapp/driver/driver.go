// Package driver wires the service together, as ory's driver package
// does: the handlers of ormapp get the pop persister through a registry
// and never import it.
package driver

import (
	"github.com/gobuffalo/pop/v6"

	"realmod/ormapp"
	"realmod/ormapp/persistence"
	psql "realmod/ormapp/persistence/sql"
)

// Registry gives the service's dependencies.
type Registry struct {
	c *pop.Connection
}

func (r *Registry) Persister() persistence.Persister { return psql.NewPersister(r.c) }

// NewHandler returns the handler with the registry.
func NewHandler(c *pop.Connection) *ormapp.Handler { return ormapp.NewHandler(&Registry{c: c}) }
