// Package userrepo updates users; it caches nothing, so it leaves the // want package:"wants the program's cache links"
// invalidation to its callers, through a fact.
package userrepo

import (
	"context"
	"database/sql"
)

type User struct {
	ID    string
	Email string
}

type Repo struct{ db *sql.DB }

func (r *Repo) Get(ctx context.Context, id string) (*User, error) {
	u := &User{ID: id}
	err := r.db.QueryRowContext(ctx, "SELECT email FROM users WHERE id = $1", id).Scan(&u.Email)
	return u, err
}

func (r *Repo) UpdateEmail(ctx context.Context, id, email string) error { // want UpdateEmail:`cache: writes user`
	_, err := r.db.ExecContext(ctx, "UPDATE users SET email = $1 WHERE id = $2", email, id)
	return err
}
