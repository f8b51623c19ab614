// Package memostore is memos' store: users by id in a cache the store
// owns and fills, so a getter queries once per user, not once per call.
package memostore

import (
	"context"
	"database/sql"
	"sync"

	cache "github.com/patrickmn/go-cache"
)

type Store struct {
	db        *sql.DB
	userCache sync.Map
	written   sync.Map
	tags      *cache.Cache
	fallback  map[int]string
}

type User struct{ ID int }

type FindUser struct {
	ID       *int
	Username *string
}

// GetUser returns a user from the cache once loaded by id.
func (s *Store) GetUser(ctx context.Context, find *FindUser) (*User, error) {
	if find.ID != nil {
		if cached, ok := s.userCache.Load(*find.ID); ok {
			user, ok := cached.(*User)
			if ok {
				return user, nil
			}
		}
	}
	list, err := s.ListUsers(ctx, find)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	s.userCache.Store(list[0].ID, list[0])
	return list[0], nil
}

func (s *Store) ListUsers(ctx context.Context, find *FindUser) ([]*User, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return nil, nil
}

// Tag loads a tag on a miss of an in-process cache library's.
func (s *Store) Tag(ctx context.Context, name string) string {
	if v, ok := s.tags.Get(name); ok {
		return v.(string)
	}
	var t string
	s.db.QueryRowContext(ctx, "SELECT t FROM tags WHERE name = $1", name).Scan(&t)
	s.tags.SetDefault(name, t)
	return t
}

// Remember writes each user it loads to a cache nothing reads first: a
// query per call.
func (s *Store) Remember(ctx context.Context, id int) *User {
	list, _ := s.ListUsers(ctx, &FindUser{ID: &id})
	s.written.Store(id, list[0])
	return list[0]
}

// Label falls back to a query when a table nothing fills has no entry:
// no cache, a query per label not listed.
func (s *Store) Label(ctx context.Context, id int) string {
	if l, ok := s.fallback[id]; ok {
		return l
	}
	var l string
	s.db.QueryRowContext(ctx, "SELECT l FROM labels WHERE id = $1", id).Scan(&l)
	return l
}

// Fresh makes its cache on each call: every call misses.
func (s *Store) Fresh(ctx context.Context, id int) string {
	seen := map[int]string{}
	l, ok := seen[id]
	if !ok {
		s.db.QueryRowContext(ctx, "SELECT l FROM labels WHERE id = $1", id).Scan(&l)
		seen[id] = l
	}
	return l
}
