// Package graph is what gqlgen generates for a schema.
package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

type User struct{ ID string }

type ResolverRoot interface {
	Query() QueryResolver
}

type QueryResolver interface {
	Users(ctx context.Context) ([]*User, error)
}

type Config struct {
	Resolvers  ResolverRoot
	Directives struct{}
}

func NewExecutableSchema(cfg Config) graphql.ExecutableSchema { return nil }
