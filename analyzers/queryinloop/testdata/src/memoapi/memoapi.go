// Package memoapi converts memos' reactions: each names its creator, whom
// the store's getter serves from its cache after the first load.
package memoapi

import (
	"context"

	"memostore"
)

type Service struct{ Store *memostore.Store }

type Reaction struct {
	CreatorID int
	Tag       string
}

func (s *Service) convert(ctx context.Context, r *Reaction) (*memostore.User, error) {
	return s.Store.GetUser(ctx, &memostore.FindUser{ID: &r.CreatorID})
}

// ListReactions converts each reaction: its creator comes from the cache.
func (s *Service) ListReactions(ctx context.Context, reactions []*Reaction) {
	for _, r := range reactions {
		s.convert(ctx, r)
		s.Store.Tag(ctx, r.Tag)
	}
}

// Uncached calls the getters whose caches are no caches.
func (s *Service) Uncached(ctx context.Context, reactions []*Reaction) {
	for _, r := range reactions {
		s.Store.Remember(ctx, r.CreatorID) // want `s.Store.Remember in a loop runs one query per iteration`
		s.Store.Label(ctx, r.CreatorID)    // want `s.Store.Label in a loop runs one query per iteration`
		s.Store.Fresh(ctx, r.CreatorID)    // want `s.Store.Fresh in a loop runs one query per iteration`
	}
}
