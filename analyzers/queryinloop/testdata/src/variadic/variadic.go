// want package:`wants the callers of variadic.Logout`

// Package variadic has loops over a variadic parameter: a parameter
// every caller fills with one item, or a few it lists, is walked a few
// times; one a caller fills by spreading a slice of its own is not.
package variadic

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/redis/go-redis/v9"
)

type Service struct {
	db  *sql.DB
	rdb *redis.Client
}

func cacheKey(id string) string { return fmt.Sprintf("key:%s", id) }

// invalidate deletes the key of each id it is given: every caller gives
// one, or two.
func (s *Service) invalidate(ctx context.Context, ids ...string) {
	for _, id := range ids {
		s.rdb.Del(ctx, cacheKey(id))
	}
}

func (s *Service) Disable(ctx context.Context, id string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE keys SET enabled = false WHERE id = $1", id); err != nil {
		return err
	}
	s.invalidate(ctx, id)
	return nil
}

func (s *Service) Swap(ctx context.Context, a, b string) {
	s.invalidate(ctx, a, b)
}

// forget is a function, not a method: the same holds.
func forget(ctx context.Context, rdb *redis.Client, keys ...string) {
	for _, k := range keys {
		rdb.Del(ctx, k)
	}
}

func Logout(ctx context.Context, rdb *redis.Client, user string) { // want Logout:`callers wanted \(depth 1\) for $`
	forget(ctx, rdb, "session:"+user)
}

// --- reported ---

// purge is also handed a caller's slice, spread: its size is the caller's.
func (s *Service) purge(ctx context.Context, ids ...string) {
	for _, id := range ids {
		s.rdb.Del(ctx, cacheKey(id)) // want `s.rdb.Del in a loop runs one redis command per iteration`
	}
}

func (s *Service) DisableOne(ctx context.Context, id string) {
	s.purge(ctx, id)
}

func (s *Service) DisableAll(ctx context.Context, ids []string) {
	s.purge(ctx, ids...)
}

// Drop is exported: a caller may reach it through an interface of
// another package, where no call names it.
func (s *Service) Drop(ctx context.Context, ids ...string) {
	for _, id := range ids {
		s.rdb.Del(ctx, cacheKey(id)) // want `s.rdb.Del in a loop runs one redis command per iteration`
	}
}

func (s *Service) DropOne(ctx context.Context, id string) {
	s.Drop(ctx, id)
}

// evict is named by an interface of the package: a call through it
// names no method.
type evicter interface {
	evict(ctx context.Context, ids ...string)
}

func (s *Service) evict(ctx context.Context, ids ...string) {
	for _, id := range ids {
		s.rdb.Del(ctx, cacheKey(id)) // want `s.rdb.Del in a loop runs one redis command per iteration`
	}
}

func (s *Service) EvictOne(ctx context.Context, id string) {
	s.evict(ctx, id)
}

func EvictThrough(ctx context.Context, e evicter, ids []string) {
	e.evict(ctx, ids...)
}

// scrub is taken as a value: who calls it, with what, is unknown.
func (s *Service) scrub(ctx context.Context, ids ...string) {
	for _, id := range ids {
		s.rdb.Del(ctx, cacheKey(id)) // want `s.rdb.Del in a loop runs one redis command per iteration`
	}
}

func (s *Service) ScrubOne(ctx context.Context, id string) {
	s.scrub(ctx, id)
}

func (s *Service) Scrubber() func(context.Context, ...string) {
	return s.scrub
}
