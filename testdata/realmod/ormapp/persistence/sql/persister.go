// Package sql implements the persister on pop.
package sql

import (
	"context"

	"github.com/gobuffalo/pop/v6"

	"realmod/ormapp/persistence"
)

// Persister is the pop implementation.
type Persister struct {
	c *pop.Connection
}

var _ persistence.Persister = (*Persister)(nil)

// NewPersister returns a persister on the connection.
func NewPersister(c *pop.Connection) *Persister { return &Persister{c: c} }

func (p *Persister) GetIdentity(ctx context.Context, id string) (*persistence.Identity, error) {
	var i persistence.Identity
	if err := p.c.WithContext(ctx).Find(&i, id); err != nil {
		return nil, err
	}
	return &i, nil
}

func (p *Persister) ListIdentities(ctx context.Context, ids []string) ([]persistence.Identity, error) {
	var is []persistence.Identity
	err := p.c.WithContext(ctx).Where("id IN (?)", ids).All(&is)
	return is, err
}
