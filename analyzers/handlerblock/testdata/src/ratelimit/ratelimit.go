// Package ratelimit reads its tokens from redis through a helper that
// uses its own context.Background() (one-api's token cache): a command
// that does not block is bounded by the client's read timeout (3 s by
// default), so the request's context would only end it sooner. A
// blocking command waits as long as it is told to. Where the
// Background() is written does not matter: a rate limiter's counter
// written under it must be kept even when the client has left.
package ratelimit

import (
	"context"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})

func get(key string) string {
	v, _ := rdb.Get(context.Background(), key).Result()
	return v
}

func nextJob(queue string) []string {
	v, _ := rdb.BLPop(context.Background(), 0, queue).Result()
	return v
}

func auth(w http.ResponseWriter, r *http.Request) {
	if get("token:"+r.Header.Get("Authorization")) == "" {
		http.Error(w, "no token", http.StatusUnauthorized)
	}
}

func work(w http.ResponseWriter, r *http.Request) {
	nextJob("jobs") // want `^warning: nextJob does I/O under context.Background\(\)`
}

func limit(w http.ResponseWriter, r *http.Request) {
	rdb.Get(context.Background(), "hits:"+r.RemoteAddr)
	rdb.Expire(context.Background(), "hits:"+r.RemoteAddr, time.Minute)
}

func wait(w http.ResponseWriter, r *http.Request) {
	rdb.BLPop(context.Background(), 0, "jobs") // want `^warning: rdb.BLPop runs under context.Background\(\), detached from the request`
}
