// Package admin updates users through package repo, and does not know
// that package svc caches them.
package admin

import (
	"context"

	"realmod/stalecallers/repo"
)

type Pages struct{ users *repo.UserRepo }

func (p *Pages) Rename(ctx context.Context, id int64, name string) error {
	return p.users.UpdateName(ctx, id, name) // want `p.users.UpdateName changes rows of user \(in p.users.UpdateName\), which the program caches under "user:\*"`
}
