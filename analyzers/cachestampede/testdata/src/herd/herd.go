// Package herd holds keys written in a loop with one TTL, and loops that
// refresh keys on a ticker.
package herd

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

type Product struct {
	ID    string
	Price int
}

func WarmUp(ctx context.Context, rdb *redis.Client, products []Product) {
	for _, p := range products {
		rdb.Set(ctx, "product:"+p.ID, p.Price, 30*time.Minute) // want `rdb.Set in a loop gives every key it writes the same TTL \(30 \* time.Minute\): they all expire at the same moment`
	}
}

// Refresh rewrites every key each minute, long before they expire.
func Refresh(ctx context.Context, rdb *redis.Client, load func() []Product) {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for range ticker.C {
		for _, p := range load() {
			rdb.Set(ctx, "product:"+p.ID, p.Price, 30*time.Minute)
		}
	}
}

func refreshAll(ctx context.Context, rdb *redis.Client, products []Product) {
	for _, p := range products {
		rdb.Set(ctx, "product:"+p.ID, p.Price, 30*time.Minute)
	}
}

// Loop refreshes on a timer through refreshAll.
func Loop(ctx context.Context, rdb *redis.Client, load func() []Product) {
	t := time.NewTicker(time.Minute)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			refreshAll(ctx, rdb, load())
		}
	}
}

// Counter writes the same key each time round: one key, one expiry.
func Counter(ctx context.Context, rdb *redis.Client, n int) {
	for i := 0; i < n; i++ {
		rdb.Set(ctx, "counter", i, time.Minute)
	}
}

// Seen marks each event as processed for a day: markers, not cached rows.
func Seen(ctx context.Context, rdb *redis.Client, ids []string) {
	for _, id := range ids {
		rdb.SetNX(ctx, "seen:"+id, 1, 24*time.Hour)
		rdb.Set(ctx, "done:"+id, "1", 24*time.Hour)
	}
}

// Prices reads one price and, on a miss, stores the whole list one call
// fetched: the next miss refills them all with one call.
func Prices(ctx context.Context, rdb *redis.Client, id string, fetch func() []Product) int {
	if v, err := rdb.Get(ctx, "price:"+id).Result(); err == nil {
		return len(v)
	}
	for _, p := range fetch() {
		rdb.Set(ctx, "price:"+p.ID, p.Price, 30*time.Minute)
	}
	return 0
}

// Scheduler runs a job every period (a cron or gocron of the program's).
type Scheduler interface {
	Every(d time.Duration, job func())
}

type Rates struct {
	rdb  *redis.Client
	load func() []Product
}

// refreshRates is run by a scheduler ahead of the expiry, after a first
// run at startup.
func (r *Rates) refreshRates() {
	for _, p := range r.load() {
		r.rdb.Set(context.Background(), "rate:"+p.ID, p.Price, 10*time.Minute)
	}
}

func (r *Rates) Start(s Scheduler) {
	r.refreshRates()
	s.Every(5*time.Minute, r.refreshRates)
}

// refreshTimed is re-armed by time.AfterFunc.
func (r *Rates) refreshTimed() {
	for _, p := range r.load() {
		r.rdb.Set(context.Background(), "timed:"+p.ID, p.Price, 10*time.Minute)
	}
}

func (r *Rates) StartTimer() {
	var tick func()
	tick = func() { r.refreshTimed(); time.AfterFunc(5*time.Minute, tick) }
	time.AfterFunc(5*time.Minute, tick)
}

// warmOnce runs only at startup: its keys expire together.
func (r *Rates) warmOnce() {
	for _, p := range r.load() {
		r.rdb.Set(context.Background(), "warm:"+p.ID, p.Price, 10*time.Minute) // want `r.rdb.Set in a loop gives every key it writes the same TTL`
	}
}

func (r *Rates) Boot() { r.warmOnce() }
