// Package ifacecache reaches its cache through an interface of its own,
// implemented over go-redis (sponge's internal/cache shape).
package ifacecache

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/redis/go-redis/v9"
	"gorm.io/gorm"
)

type User struct {
	ID   uint64
	Name string
}

type UserCache interface {
	Get(ctx context.Context, id uint64) (*User, error)
	Set(ctx context.Context, id uint64, u *User, d time.Duration) error
	Del(ctx context.Context, id uint64) error
}

type userCache struct{ rdb *redis.Client }

func NewUserCache(rdb *redis.Client) UserCache { return &userCache{rdb: rdb} }

func key(id uint64) string { return fmt.Sprintf("user:%d", id) }

func (c *userCache) Get(ctx context.Context, id uint64) (*User, error) {
	b, err := c.rdb.Get(ctx, key(id)).Bytes()
	if err != nil {
		return nil, err
	}
	var u User
	return &u, json.Unmarshal(b, &u)
}

func (c *userCache) Set(ctx context.Context, id uint64, u *User, d time.Duration) error {
	b, _ := json.Marshal(u)
	return c.rdb.Set(ctx, key(id), b, d).Err()
}

func (c *userCache) Del(ctx context.Context, id uint64) error { return c.rdb.Del(ctx, key(id)).Err() }

// A fake for tests does nothing to a cache: it does not hide what the
// real one does.
type nopCache struct{}

func (nopCache) Get(context.Context, uint64) (*User, error)              { return nil, redis.Nil }
func (nopCache) Set(context.Context, uint64, *User, time.Duration) error { return nil }
func (nopCache) Del(context.Context, uint64) error                       { return nil }

type userDao struct {
	db    *gorm.DB
	cache UserCache
}

func (d *userDao) GetByID(ctx context.Context, id uint64) (*User, error) {
	u, err := d.cache.Get(ctx, id)
	if err == nil {
		return u, nil
	}
	if !errors.Is(err, redis.Nil) {
		return nil, err
	}
	u = &User{}
	if err := d.db.Where("id = ?", id).First(u).Error; err != nil {
		return nil, err
	}
	_ = d.cache.Set(ctx, id, u, 10*time.Minute) // want `d.cache.Set writes back "user:\*" with the same TTL`
	return u, nil
}

func (d *userDao) GetJittered(ctx context.Context, id uint64) (*User, error) {
	if u, err := d.cache.Get(ctx, id); err == nil {
		return u, nil
	}
	u := &User{}
	if err := d.db.Where("id = ?", id).First(u).Error; err != nil {
		return nil, err
	}
	_ = d.cache.Set(ctx, id, u, 10*time.Minute+rand.N(time.Minute))
	return u, nil
}
