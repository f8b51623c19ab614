// Package graphimpl is the program's resolvers.
package graphimpl

import (
	"context"

	"graph"
)

type Resolver struct{}

func (r *Resolver) Query() graph.QueryResolver { return &queryResolver{r} } // want `GraphQL resolver request= writer= context=`

type queryResolver struct{ *Resolver }

func (r *queryResolver) Users(ctx context.Context) ([]*graph.User, error) { return nil, nil } // want `GraphQL resolver request= writer= context=ctx`
