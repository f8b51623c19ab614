// Package svc inherits the effects of repo through facts.
package svc

import (
	"context"

	"repo"
)

func Name(ctx context.Context, r *repo.Repo, id int) string { // want Name:`effects: db\(\(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\)`
	return r.Get(ctx, id)
}

func Through(ctx context.Context, rd repo.Reader) string { // want Through:`effects: db\(\(repo.Reader\).Read → \(\*repo.Repo\).Read → \(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\)`
	return rd.Read(ctx, 1)
}

func Lazy(ctx context.Context, r *repo.Repo) {
	r.LoadUser(ctx)
	r.Warm(ctx)
	r.Serve(ctx, nil)
}

func Counted(ctx context.Context) int { // want Counted:`effects: db\(repo.Count → \(\*sql.DB\).QueryRowContext\)`
	return repo.Count[int](ctx, nil)
}
