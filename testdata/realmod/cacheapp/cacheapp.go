// Package cacheapp reads through caches with the real go-redis v8 and v9,
// rueidis, gomemcache, go-cache, ristretto and singleflight, for
// cachestampede.
package cacheapp

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/dgraph-io/ristretto/v2"
	redisv8 "github.com/go-redis/redis/v8"
	gocache "github.com/patrickmn/go-cache"
	"github.com/redis/go-redis/v9"
	"github.com/redis/rueidis"
	"golang.org/x/sync/singleflight"
)

type App struct {
	db    *sql.DB
	rdb   redis.UniversalClient
	v8    *redisv8.Client
	rue   rueidis.Client
	mc    *memcache.Client
	local *gocache.Cache
	rc    *ristretto.Cache[string, string]
	group singleflight.Group
}

func (a *App) name(ctx context.Context, id string) (string, error) {
	var n string
	err := a.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&n)
	return n, err
}

// V9 reads through a redis.UniversalClient: its commands are declared by
// StringCmdable.
func (a *App) V9(ctx context.Context, id string) (string, error) {
	if v, err := a.rdb.Get(ctx, "name:"+id).Result(); err == nil {
		return v, nil
	}
	n, err := a.name(ctx, id)
	if err != nil {
		return "", err
	}
	a.rdb.SetEx(ctx, "name:"+id, n, time.Hour) // want `a.rdb.SetEx writes back "name:\*" with the same TTL \(time.Hour\)`
	return n, nil
}

func (a *App) V8(ctx context.Context, id string) (string, error) {
	if v, err := a.v8.Get(ctx, "name:"+id).Result(); err == nil {
		return v, nil
	}
	n, err := a.name(ctx, id)
	if err != nil {
		return "", err
	}
	a.v8.SetEX(ctx, "name:"+id, n, 20*time.Minute) // want `a.v8.SetEX writes back "name:\*" with the same TTL \(20 \* time.Minute\)`
	return n, nil
}

func (a *App) Rueidis(ctx context.Context, id string) (string, error) {
	if v, err := a.rue.Do(ctx, a.rue.B().Get().Key("name:"+id).Build()).ToString(); err == nil {
		return v, nil
	}
	n, err := a.name(ctx, id)
	if err != nil {
		return "", err
	}
	a.rue.Do(ctx, a.rue.B().Set().Key("name:"+id).Value(n).Ex(time.Minute).Build()) // want `a.rue.B\(\).Set\(\) writes back "name:\*" with the same TTL \(time.Minute\)`
	return n, nil
}

func (a *App) Memcache(ctx context.Context, id string) (string, error) {
	if it, err := a.mc.Get("name:" + id); err == nil {
		return string(it.Value), nil
	}
	n, err := a.name(ctx, id)
	if err != nil {
		return "", err
	}
	a.mc.Set(&memcache.Item{Key: "name:" + id, Value: []byte(n), Expiration: 600}) // want `a.mc.Set writes back "name:\*" with the same TTL \(600\)`
	return n, nil
}

func (a *App) GoCache(ctx context.Context, id string) (string, error) {
	if v, ok := a.local.Get("name:" + id); ok {
		return v.(string), nil
	}
	n, err := a.name(ctx, id)
	if err != nil {
		return "", err
	}
	a.local.Set("name:"+id, n, time.Minute) // want `a.local.Set writes back "name:\*" with the same TTL \(time.Minute\)`
	return n, nil
}

func (a *App) Ristretto(ctx context.Context, id string) (string, error) {
	if v, ok := a.rc.Get(id); ok {
		return v, nil
	}
	n, err := a.name(ctx, id)
	if err != nil {
		return "", err
	}
	a.rc.SetWithTTL(id, n, 1, time.Minute) // want `a.rc.SetWithTTL writes back id with the same TTL \(time.Minute\)`
	return n, nil
}

// WarmUp queues every key on a pipeline with one TTL.
func (a *App) WarmUp(ctx context.Context, names map[string]string) error {
	pipe := a.rdb.Pipeline()
	for id, n := range names {
		pipe.Set(ctx, "name:"+id, n, time.Hour) // want `pipe.Set in a loop gives every key it writes the same TTL \(time.Hour\)`
	}
	_, err := pipe.Exec(ctx)
	return err
}

// Flight loads once per key, whatever the number of misses.
func (a *App) Flight(ctx context.Context, id string) (string, error) {
	if v, err := a.rdb.Get(ctx, "name:"+id).Result(); err == nil {
		return v, nil
	}
	v, err, _ := a.group.Do(id, func() (any, error) {
		n, err := a.name(ctx, id)
		if err == nil {
			a.rdb.Set(ctx, "name:"+id, n, time.Hour)
		}
		return n, err
	})
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// Jittered spreads the expiries.
func (a *App) Jittered(ctx context.Context, id string) (string, error) {
	if v, err := a.v8.Get(ctx, "name:"+id).Result(); err == nil {
		return v, nil
	}
	n, err := a.name(ctx, id)
	if err != nil {
		return "", err
	}
	a.v8.Set(ctx, "name:"+id, n, time.Hour+rand.N(6*time.Minute))
	return n, nil
}
