// Package graph holds the resolvers of a gqlgen schema, in the layout
// gqlgen generates: the executable schema in graph/generated, the
// resolvers here, known as such by the interfaces of the schema's Config.
package graph

import (
	"context"
	"database/sql"
	"net/http"
	"regexp"

	"realmod/shapesapp/graph/generated"
	"realmod/shapesapp/graph/model"
)

// Resolver is the root resolver.
type Resolver struct{ DB *sql.DB }

func (r *Resolver) Query() generated.QueryResolver { return &queryResolver{r} }
func (r *Resolver) User() generated.UserResolver   { return &userResolver{r} }

type queryResolver struct{ *Resolver }

func (r *queryResolver) User(ctx context.Context, id string) (*model.User, error) {
	u := &model.User{ID: id}
	err := r.DB.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&u.Name) // want `r.DB.QueryRow cannot be cancelled: .*use QueryRowContext with ctx$`
	return u, err
}

func (r *queryResolver) Users(ctx context.Context) ([]*model.User, error) {
	valid := regexp.MustCompile(`^[a-z]+$`) // want `regexp.MustCompile builds the same regular expression on every request`
	_ = valid
	return nil, nil
}

type userResolver struct{ *Resolver }

func (r *userResolver) Posts(ctx context.Context, obj *model.User) ([]*model.Post, error) {
	req, err := http.NewRequest(http.MethodGet, "http://posts/by/"+obj.ID, nil) // want `http.NewRequest builds a request to another service that cannot be cancelled: .*use NewRequestWithContext with ctx$`
	if err != nil {
		return nil, err
	}
	_ = req
	return nil, nil
}

// NewSchema builds the executable schema; it runs at start-up.
func NewSchema(db *sql.DB) generated.Config {
	regexp.MustCompile(`^[a-z]+$`)
	return generated.Config{Resolvers: &Resolver{DB: db}}
}
