// Package service calls the store; it makes round trips through it.
package service

import (
	"context"

	"store"
)

type Service struct {
	Store  *store.Store
	Reader store.Reader
}

type Post struct {
	AuthorID int
	Author   *store.Author
}

func (s *Service) Author(ctx context.Context, p *Post) error {
	a, err := s.Store.GetAuthor(ctx, p.AuthorID)
	p.Author = a
	return err
}
