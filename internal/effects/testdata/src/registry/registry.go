// Package registry wires the application: it is the one package that
// imports the implementations.
package registry

import (
	"database/sql"

	"hooks"
	"persistence"
	"sqlpersist"
)

type Registry struct{ p *sqlpersist.Persister }

func (r *Registry) Persister() persistence.Persister { return r.p }

func New(db *sql.DB) *Registry { return &Registry{p: sqlpersist.New(db)} }

var Plugins = hooks.All
