// Package repo updates users and caches nothing: the service that
// caches them (package svc, which this package does not import) and the
// admin pages call it.
package repo

import (
	"context"
	"database/sql"
)

type User struct {
	ID   int64
	Name string
	Bio  string
}

type UserRepo struct{ db *sql.DB }

func (r *UserRepo) GetByID(ctx context.Context, id int64) (*User, error) {
	var u User
	err := r.db.QueryRowContext(ctx, "SELECT id, name, bio FROM users WHERE id = $1", id).Scan(&u.ID, &u.Name, &u.Bio)
	return &u, err
}

// svc.UpdateBio deletes the key right after calling this: judged there.
func (r *UserRepo) UpdateBio(ctx context.Context, id int64, bio string) error {
	_, err := r.db.ExecContext(ctx, "UPDATE users SET bio = $1 WHERE id = $2", bio, id)
	return err
}

// admin.Rename calls this and forgets the key: judged there.
func (r *UserRepo) UpdateName(ctx context.Context, id int64, name string) error {
	_, err := r.db.ExecContext(ctx, "UPDATE users SET name = $1 WHERE id = $2", name, id)
	return err
}

// Nothing calls this: judged here, with the links of a package that
// this one does not import.
func (r *UserRepo) Ban(ctx context.Context, id int64) error {
	_, err := r.db.ExecContext(ctx, "UPDATE users SET bio = '' WHERE id = $1", id) // want `r.db.ExecContext changes rows of user, which the program caches under "user:\*"`
	return err
}
