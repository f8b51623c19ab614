// Package svc inherits the effects of repo through facts. // want package:"wants implementations of repo.Reader.Read"
package svc

import (
	"context"

	"repo"
)

func Name(ctx context.Context, r *repo.Repo, id int) string { // want Name:`effects: db\(\(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\)`
	return r.Get(ctx, id)
}

// Through reads through the reader its caller hands it: what that one
// does, if it is a *repo.Repo.
func Through(ctx context.Context, rd repo.Reader) string { // want Through:`effects: db\(\(repo.Reader\).Read → \(\*repo.Repo\).Read → \(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext if param 1's Read does\)`
	return rd.Read(ctx, 1)
}

// Lazy calls a lazy loader first, then a worker: the first is the one
// it is known by.
func Lazy(ctx context.Context, r *repo.Repo) { // want Lazy:`effects: db\[lazy\]\(\(\*repo.Repo\).LoadUser → \(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\)$`
	r.LoadUser(ctx)
	r.Warm(ctx)
	r.Serve(ctx, nil)
}

func Counted(ctx context.Context) int { // want Counted:`effects: db\(repo.Count → \(\*sql.DB\).QueryRowContext\)`
	return repo.Count[int](ctx, nil)
}

// Detach hands a lazy loader a detached context: whether it queries
// depends on what was preloaded, but when it does, it is detached.
func Detach(r *repo.Repo) { // want Detach:`effects: db\[lazy\]\(.*\), detached\[lazy\]\(\(\*repo.Repo\).LoadUser → \(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\)`
	r.LoadUser(context.Background())
}

// Subscribe looks a row up, then fetches a page: the fetch, though its
// chain is longer, is what a context-less call of it costs.
func Subscribe(r *repo.Repo, url string) { // want Subscribe:`effects: db\(\(\*repo.Repo\).Legacy → \(\*sql.DB\).QueryRow\), nocontext\(remote: svc.fetch → repo.Page → http.NewRequest\)`
	r.Legacy(1)
	fetch(url)
}

func fetch(url string) { repo.Page(url) }
