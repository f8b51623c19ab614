// Package redisloop exercises queryinloop on go-redis.
package redisloop

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func each(ctx context.Context, rdb *redis.Client, keys []string) {
	for _, k := range keys {
		rdb.Get(ctx, k) // want `rdb.Get in a loop runs one redis command per iteration: N items cost N round trips \(N\+1\); send them together \(a pipeline: rdb.Pipelined, or MGet/MSet\)`
	}
}

func pipelined(ctx context.Context, rdb *redis.Client, keys []string) {
	rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		for _, k := range keys {
			pipe.Get(ctx, k)
		}
		return nil
	})
	pipe := rdb.Pipeline()
	for _, k := range keys {
		pipe.Get(ctx, k)
	}
	pipe.Exec(ctx)
	rdb.MGet(ctx, keys...)
}

func viaInterface(ctx context.Context, c redis.Cmdable, keys []string) {
	for _, k := range keys {
		c.Get(ctx, k) // want `c.Get in a loop runs one redis command per iteration`
	}
}
