// Package cachelib wraps a redis client: its functions' facts tell their
// callers where the key and the TTL go.
package cachelib

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

type Cache struct{ rdb *redis.Client }

func (c *Cache) Get(ctx context.Context, key string) (string, error) { // want Get:`cache: get key app:arg1`
	return c.rdb.Get(ctx, "app:"+key).Result()
}

func (c *Cache) Put(ctx context.Context, key string, v interface{}, ttl time.Duration) error { // want Put:`cache: set key app:arg1 ttl arg3`
	return c.rdb.Set(ctx, "app:"+key, v, ttl).Err()
}

// PutSeconds takes the TTL in seconds, as gitea's cache does.
func (c *Cache) PutSeconds(ctx context.Context, key string, v interface{}, expire int64) error { // want PutSeconds:`cache: set key arg1 ttl arg3`
	dur := time.Duration(expire) * time.Second
	return c.rdb.Set(ctx, key, v, dur).Err()
}

// Remember is a get-or-load: on a miss it runs load and writes back.
func Remember(ctx context.Context, c *redis.Client, key string, ttl time.Duration, load func() (string, error)) (string, error) { // want Remember:`cache: get-or-load key arg2 ttl arg3 loader arg4`
	if v, err := c.Get(ctx, key).Result(); err == nil {
		return v, nil
	}
	v, err := load()
	if err != nil {
		return "", err
	}
	return v, c.Set(ctx, key, v, ttl).Err()
}

// SetUser fixes the TTL inside.
func (c *Cache) SetUser(ctx context.Context, id string, v interface{}) { // want SetUser:`cache: set key app:user:\* ttl time.Hour`
	c.rdb.Set(ctx, UserKey(id), v, time.Hour)
}

// DefaultTTL is what PutOr uses when given no TTL.
const DefaultTTL = 10 * time.Minute

// PutOr takes its caller's TTL, or its default for 0 (sponge's shape):
// the TTL is the caller's, and a 0 is no "never".
func (c *Cache) PutOr(ctx context.Context, key string, v interface{}, expiration time.Duration) error { // want PutOr:`cache: set key app:arg1 ttl arg3`
	if expiration == 0 {
		expiration = DefaultTTL
	}
	return c.rdb.Set(ctx, "app:"+key, v, expiration).Err()
}

// UserKey is a key helper.
func UserKey(id string) string { return "app:user:" + id } // want UserKey:`cache: key app:user:\*`

// Prefixed builds its keys with a helper that may fail (sponge's
// BuildCacheKey): the key is still the caller's.
type Prefixed struct {
	rdb    *redis.Client
	prefix string
}

func BuildKey(prefix, key string) (string, error) {
	if key == "" {
		return "", errors.New("empty key")
	}
	return strings.Join([]string{prefix, key}, ":"), nil
}

func (c *Prefixed) Get(ctx context.Context, key string) (string, error) { // want Get:`cache: get key \*arg1`
	k, err := BuildKey(c.prefix, key)
	if err != nil {
		return "", err
	}
	return c.rdb.Get(ctx, k).Result()
}

func (c *Prefixed) Set(ctx context.Context, key string, v string, ttl time.Duration) error { // want Set:`cache: set key \*arg1 ttl arg3`
	k, err := BuildKey(c.prefix, key)
	if err != nil {
		return err
	}
	return c.rdb.Set(ctx, k, v, ttl).Err()
}
