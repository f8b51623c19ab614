// Package graphql is a fake of github.com/99designs/gqlgen/graphql for
// unit tests.
package graphql

type ExecutableSchema interface {
	Schema() any
}
