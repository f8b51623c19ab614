// Package loopapp makes round trips in loops with the real libraries.
package loopapp

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"gorm.io/gorm"
)

type User struct{ ID int }

func gormLoop(db *gorm.DB, ids []int) {
	for _, id := range ids {
		var u User
		db.First(&u, id) // want `db.First in a loop runs one query per iteration`
	}
}

type Post struct {
	ID       int
	Comments []Comment
}

type Comment struct {
	ID     int
	PostID int
}

// The textbook N+1 that Preload fixes: each post's association loaded
// on its own.
func associations(db *gorm.DB, posts []Post) {
	for i := range posts {
		db.Model(&posts[i]).Association("Comments").Find(&posts[i].Comments) // want `Find in a loop runs one query per iteration.*Preload`
		db.Model(&posts[i]).Association("Comments").Count()                  // want `Count in a loop runs one query per iteration`
	}
	var all []Post
	db.Preload("Comments").Find(&all)
}

func redisLoop(ctx context.Context, rdb *redis.Client, keys []string) {
	for _, k := range keys {
		rdb.Get(ctx, k) // want `rdb.Get in a loop runs one redis command per iteration`
	}
	rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		for _, k := range keys {
			pipe.Get(ctx, k)
		}
		return nil
	})
}

func pgxLoop(ctx context.Context, pool *pgxpool.Pool, ids []int) {
	for _, id := range ids {
		pool.QueryRow(ctx, "SELECT 1 FROM users WHERE id = $1", id) // want `pool.QueryRow in a loop runs one query per iteration`
	}
	var b pgx.Batch
	for _, id := range ids {
		b.Queue("SELECT 1 FROM users WHERE id = $1", id)
	}
	pool.SendBatch(ctx, &b)
}
