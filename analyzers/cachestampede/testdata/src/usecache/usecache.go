// Package usecache reads through the wrappers of cachelib.
package usecache

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"time"

	"cachelib"

	"github.com/redis/go-redis/v9"
)

type Service struct {
	db    *sql.DB
	cache *cachelib.Cache
	rdb   *redis.Client
}

func (s *Service) title(ctx context.Context, id string) (string, error) {
	var t string
	err := s.db.QueryRowContext(ctx, "SELECT title FROM posts WHERE id = $1", id).Scan(&t)
	return t, err
}

func (s *Service) Title(ctx context.Context, id string) (string, error) {
	if v, err := s.cache.Get(ctx, "post:"+id); err == nil {
		return v, nil
	}
	t, err := s.title(ctx, id)
	if err != nil {
		return "", err
	}
	s.cache.Put(ctx, "post:"+id, t, 15*time.Minute) // want `s.cache.Put writes back "app:post:\*" with the same TTL \(15 \* time.Minute\)`
	return t, nil
}

func (s *Service) Remembered(ctx context.Context, id string) (string, error) {
	return cachelib.Remember(ctx, s.rdb, "post:"+id, time.Hour, func() (string, error) { // want `cachelib.Remember writes back "post:\*" with the same TTL \(time.Hour\)`
		return s.title(ctx, id)
	})
}

func (s *Service) Author(ctx context.Context, id string) (string, error) {
	if v, err := s.cache.Get(ctx, "user:"+id); err == nil {
		return v, nil
	}
	name, err := s.title(ctx, id)
	if err != nil {
		return "", err
	}
	s.cache.SetUser(ctx, id, name) // want `s.cache.SetUser writes back "app:user:\*" with the same TTL \(time.Hour, set inside s.cache.SetUser\)`
	return name, nil
}

func (s *Service) Jittered(ctx context.Context, id string) (string, error) {
	if v, err := s.cache.Get(ctx, "post:"+id); err == nil {
		return v, nil
	}
	t, err := s.title(ctx, id)
	if err != nil {
		return "", err
	}
	s.cache.PutOr(ctx, "post:"+id, t, 10*time.Minute+rand.N(time.Minute))
	return t, nil
}

func (s *Service) Fixed(ctx context.Context, id string) (string, error) {
	if v, err := s.cache.Get(ctx, "post:"+id); err == nil {
		return v, nil
	}
	t, err := s.title(ctx, id)
	if err != nil {
		return "", err
	}
	s.cache.PutOr(ctx, "post:"+id, t, 5*time.Minute) // want `s.cache.PutOr writes back "app:post:\*" with the same TTL \(5 \* time.Minute\)`
	return t, nil
}

func (s *Service) ViaPrefixed(ctx context.Context, p *cachelib.Prefixed, id string) (string, error) {
	if v, err := p.Get(ctx, "post:"+id); err == nil {
		return v, nil
	}
	t, err := s.title(ctx, id)
	if err != nil {
		return "", err
	}
	p.Set(ctx, "post:"+id, t, 5*time.Minute) // want `p.Set writes back "\*post:\*" with the same TTL`
	return t, nil
}
