// Package usersvc caches users of userrepo, and updates them through it.
package usersvc

import (
	"context"
	"encoding/json"
	"time"

	"kv"
	"userrepo"

	"github.com/redis/go-redis/v9"
)

type Service struct {
	repo *userrepo.Repo
	rdb  *redis.Client
	kv   *kv.Store
}

func (s *Service) User(ctx context.Context, id string) (*userrepo.User, error) {
	var u userrepo.User
	if data, err := s.rdb.Get(ctx, "user:"+id).Bytes(); err == nil && json.Unmarshal(data, &u) == nil {
		return &u, nil
	}
	loaded, err := s.repo.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	data, _ := json.Marshal(loaded)
	s.rdb.Set(ctx, "user:"+id, data, 10*time.Minute)
	return loaded, nil
}

func (s *Service) ChangeEmail(ctx context.Context, id, email string) error {
	return s.repo.UpdateEmail(ctx, id, email) // want `s.repo.UpdateEmail changes rows of user \(in s.repo.UpdateEmail\), which the program caches under "email:\*" and "user:\*", and nothing here deletes the keys afterwards`
}

func (s *Service) ConfirmEmail(ctx context.Context, id, email string) error {
	if err := s.repo.UpdateEmail(ctx, id, email); err != nil {
		return err
	}
	return s.rdb.Del(ctx, "user:"+id).Err()
}

// Email caches the address through kv, forever.
func (s *Service) Email(ctx context.Context, id string) (string, error) {
	u, err := s.repo.Get(ctx, id)
	if err != nil {
		return "", err
	}
	s.kv.Put(ctx, "email:"+id, u.Email, 0) // want `s.kv.Put caches "email:\*", loaded from the database, with no expiry`
	return u.Email, nil
}
