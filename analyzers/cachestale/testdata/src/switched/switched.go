// Package switched caches tokens in redis only when redis is turned on
// (one-api's common.RedisEnabled): a token updated where redis is off
// has no cached copy to leave stale.
package switched

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"time"

	"github.com/redis/go-redis/v9"
)

var (
	RedisEnabled = os.Getenv("REDIS_CONN_STRING") != ""
	Verbose      = os.Getenv("VERBOSE") != ""
)

var (
	db  *sql.DB
	rdb *redis.Client
)

type Token struct {
	ID     string
	Key    string
	Status int
}

func load(ctx context.Context, key string) (*Token, error) {
	var t Token
	err := db.QueryRowContext(ctx, "SELECT id, key, status FROM tokens WHERE key = $1", key).Scan(&t.ID, &t.Key, &t.Status)
	return &t, err
}

// CachedToken reads through redis when it is on.
func CachedToken(ctx context.Context, key string) (*Token, error) {
	if !RedisEnabled {
		return load(ctx, key)
	}
	var t Token
	if data, err := rdb.Get(ctx, "token:"+key).Bytes(); err == nil && json.Unmarshal(data, &t) == nil {
		return &t, nil
	}
	if err := db.QueryRowContext(ctx, "SELECT id, key, status FROM tokens WHERE key = $1", key).Scan(&t.ID, &t.Key, &t.Status); err != nil {
		return nil, err
	}
	data, _ := json.Marshal(t)
	rdb.Set(ctx, "token:"+key, data, 10*time.Minute)
	return &t, nil
}

// Validate marks an expired token in the database only when redis is
// off, where no copy is cached.
func Validate(ctx context.Context, key string) error {
	t, err := CachedToken(ctx, key)
	if err != nil {
		return err
	}
	if !RedisEnabled {
		db.ExecContext(ctx, "UPDATE tokens SET status = 2 WHERE id = $1", t.ID)
	}
	return nil
}

// Disable runs whether redis is on or off, and another switch says
// nothing about the cache.
func Disable(ctx context.Context, id string) error {
	_, err := db.ExecContext(ctx, "UPDATE tokens SET status = 3 WHERE id = $1", id) // want `changes rows of token, which the program caches under "token:\*"`
	return err
}

func Revoke(ctx context.Context, id string) {
	if !Verbose {
		db.ExecContext(ctx, "DELETE FROM tokens WHERE id = $1", id) // want `changes rows of token`
	}
}
