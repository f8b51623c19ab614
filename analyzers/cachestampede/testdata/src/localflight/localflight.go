// Package localflight loads through the program's own singleflight.
package localflight

import (
	"context"
	"database/sql"
	"time"

	"syncx"

	"github.com/redis/go-redis/v9"
)

type Store struct {
	db   *sql.DB
	rdb  *redis.Client
	fl   syncx.SingleFlight
	memo *syncx.Memo
}

func (s *Store) load(ctx context.Context, id string) (string, error) {
	var name string
	err := s.db.QueryRowContext(ctx, "SELECT name FROM products WHERE id = $1", id).Scan(&name)
	return name, err
}

func (s *Store) Name(ctx context.Context, id string) (any, error) {
	if v, err := s.rdb.Get(ctx, "product:"+id).Result(); err == nil {
		return v, nil
	}
	return s.fl.Do(id, func() (any, error) {
		name, err := s.load(ctx, id)
		if err != nil {
			return nil, err
		}
		s.rdb.Set(ctx, "product:"+id, name, 30*time.Minute)
		return name, nil
	})
}

func (s *Store) Memoized(ctx context.Context, id string) (string, error) {
	if v, err := s.rdb.Get(ctx, "product:"+id).Result(); err == nil {
		return v, nil
	}
	return s.memo.Do(id, func() (string, error) {
		name, err := s.load(ctx, id)
		if err != nil {
			return "", err
		}
		s.rdb.Set(ctx, "product:"+id, name, 30*time.Minute) // want `s.rdb.Set writes back "product:\*" with the same TTL`
		return name, nil
	})
}
