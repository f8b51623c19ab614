// Package ifacestale caches users through an interface of its own,
// implemented over go-redis: its Set links the key to users, its Del
// invalidates them.
package ifacestale

import (
	"context"
	"encoding/json"
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

type userDao struct {
	db    *gorm.DB
	cache UserCache
}

func (d *userDao) GetByID(ctx context.Context, id uint64) (*User, error) {
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

func (d *userDao) UpdateName(ctx context.Context, id uint64, name string) error {
	return d.db.Model(&User{}).Where("id = ?", id).Update("name", name).Error // want `d.db.Model\(&User{}\).Where\("id = \?", id\).Update changes rows of user, which the program caches under "user:\*"`
}

func (d *userDao) Rename(ctx context.Context, id uint64, name string) error {
	if err := d.db.Model(&User{}).Where("id = ?", id).Update("name", name).Error; err != nil {
		return err
	}
	return d.cache.Del(ctx, id)
}
