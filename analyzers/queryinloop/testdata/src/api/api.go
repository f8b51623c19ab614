// Package api loops over posts and asks the service, two packages away
// from the query.
package api

import (
	"context"

	"service"
)

func page(ctx context.Context, svc *service.Service, posts []service.Post) {
	for i := range posts {
		svc.Author(ctx, &posts[i]) // want `svc.Author in a loop runs one query per iteration \(loop → svc.Author → \(\*store.Store\).GetAuthor → \(\*sql.DB\).QueryRowContext\)`
	}
	for _, p := range posts {
		svc.Reader.Author(ctx, p.AuthorID) // want `svc.Reader.Author in a loop runs one query per iteration \(loop → svc.Reader.Author → \(\*store.pgReader\).Author → \(\*sql.DB\).QueryRowContext\)`
	}
}
