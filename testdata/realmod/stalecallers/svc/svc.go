// Package svc caches the users of package repo.
package svc

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/redis/go-redis/v9"

	"realmod/stalecallers/repo"
)

type UserService struct {
	repo *repo.UserRepo
	rdb  *redis.Client
}

func userKey(id int64) string { return fmt.Sprintf("user:%d", id) }

func (s *UserService) Get(ctx context.Context, id int64) (*repo.User, error) {
	if b, err := s.rdb.Get(ctx, userKey(id)).Bytes(); err == nil {
		var u repo.User
		return &u, json.Unmarshal(b, &u)
	}
	u, err := s.repo.GetByID(ctx, id)
	if err != nil {
		return nil, err
	}
	b, _ := json.Marshal(u)
	s.rdb.Set(ctx, userKey(id), b, time.Hour+rand.N(6*time.Minute))
	return u, nil
}

func (s *UserService) UpdateBio(ctx context.Context, id int64, bio string) error {
	if err := s.repo.UpdateBio(ctx, id, bio); err != nil {
		return err
	}
	return s.rdb.Del(ctx, userKey(id)).Err()
}
