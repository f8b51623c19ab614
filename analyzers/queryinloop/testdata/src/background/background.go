// Package background deletes cached tokens after the rows are gone, as
// new-api's BatchDeleteTokens does: in a goroutine no caller waits for.
package background

import (
	"context"
	"database/sql"
	"sync"

	"github.com/bytedance/gopkg/util/gopool"
	"github.com/redis/go-redis/v9"
)

var rdb *redis.Client

var db *sql.DB

func cacheDeleteToken(key string) error {
	return rdb.Del(context.Background(), "token:"+key).Err()
}

// batchDeleteTokens hands the cache's cleanup to a pool: a note, the load
// without the wait.
func batchDeleteTokens(ctx context.Context, keys []string) {
	db.ExecContext(ctx, "DELETE FROM tokens WHERE key = ANY($1)", keys)
	gopool.Go(func() {
		for _, k := range keys {
			_ = cacheDeleteToken(k) // want `^note: cacheDeleteToken in a loop runs one redis command per iteration \(loop → cacheDeleteToken → .*\), in a goroutine no caller waits for: no response waits on them, but N items still cost the redis server N round trips`
		}
	})
}

// forget starts the cleanup with go, and does not wait for it.
func forget(keys []string) {
	go func() {
		for _, k := range keys {
			rdb.Del(context.Background(), k) // want `^note: rdb.Del in a loop runs one redis command per iteration`
		}
	}()
}

// wait starts it with go but waits for it: the caller waits on every
// round trip.
func wait(keys []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, k := range keys {
			rdb.Del(context.Background(), k) // want `^warning: rdb.Del in a loop runs one redis command per iteration`
		}
	}()
	wg.Wait()
}

// inline runs the literal at once.
func inline(keys []string) {
	func() {
		for _, k := range keys {
			rdb.Del(context.Background(), k) // want `^warning: rdb.Del in a loop runs one redis command per iteration`
		}
	}()
}

// perItem starts a goroutine per key: the loop's own goroutines, as
// many at once as keys.
func perItem(keys []string) {
	for _, k := range keys {
		go func() {
			rdb.Del(context.Background(), k) // want `^warning: rdb.Del in a loop runs one redis command per iteration`
		}()
	}
}
