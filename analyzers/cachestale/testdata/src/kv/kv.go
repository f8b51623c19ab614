// Package kv wraps redis with a TTL in seconds, where 0 means forever (as
// gitea's cache does).
package kv

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

type Store struct{ rdb *redis.Client }

func (s *Store) Put(ctx context.Context, key string, v interface{}, expire int64) error { // want Put:`cache: set key arg1 ttl arg3`
	return s.rdb.Set(ctx, key, v, time.Duration(expire)*time.Second).Err()
}
