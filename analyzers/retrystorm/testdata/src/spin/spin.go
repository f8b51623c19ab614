// Package spin has consumers and polls: loops that go on after a success,
// and that spin while the service is down when a failure goes straight
// back to the call (centrifugo#85, "busy loop if redis is down").
package spin

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

func work(ctx context.Context, rdb *redis.Client, handle func(string)) {
	for {
		res, err := rdb.BLPop(ctx, 0, "jobs").Result() // want `^rdb.BLPop is called again at once when it fails: while redis is down, the loop spins`
		if err != nil {
			log.Printf("blpop: %v", err)
			continue
		}
		handle(res[1])
	}
}

// The pause is on the way of a success only.
func poll(c *http.Client, u string, handle func(*http.Response)) {
	for {
		resp, err := c.Get(u) // want `c.Get is called again at once when it fails`
		if err != nil {
			log.Print(err)
			continue
		}
		handle(resp)
		time.Sleep(10 * time.Second)
	}
}

// An empty queue is no failure, but every other error spins too.
func nilFirst(ctx context.Context, rdb *redis.Client, handle func(string)) {
	for {
		res, err := rdb.BLPop(ctx, 5*time.Second, "jobs").Result() // want `rdb.BLPop is called again at once when it fails`
		if err == redis.Nil {
			continue
		}
		if err != nil {
			log.Print(err)
			continue
		}
		handle(res[1])
	}
}

// Leaving when the context is done is no pause while redis is down.
func ctxChecked(ctx context.Context, rdb *redis.Client, handle func(string)) {
	for {
		res, err := rdb.BLPop(ctx, 0, "jobs").Result() // want `rdb.BLPop is called again at once when it fails`
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			log.Print(err)
			continue
		}
		handle(res[1])
	}
}

// A select with a default waits for nothing.
func nonBlocking(ctx context.Context, rdb *redis.Client, handle func(string)) {
	for {
		select {
		case <-ctx.Done():
			return
		default:
		}
		res, err := rdb.BLPop(ctx, 0, "jobs").Result() // want `rdb.BLPop is called again at once when it fails`
		if err != nil {
			continue
		}
		handle(res[1])
	}
}

// A loop the context ends is bounded: a warning.
func whileCtx(ctx context.Context, db *sql.DB, handle func(int)) {
	for ctx.Err() == nil {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT n FROM jobs").Scan(&n); err != nil { // want `db.QueryRowContext is called again at once when it fails: while the database is down`
			log.Print(err)
			continue
		}
		handle(n)
	}
}

// OK: it waits on the error edge.
func slept(ctx context.Context, rdb *redis.Client, handle func(string)) {
	for {
		res, err := rdb.BLPop(ctx, 0, "jobs").Result()
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			log.Print(err)
			time.Sleep(time.Second)
			continue
		}
		handle(res[1])
	}
}

// OK: it backs off on the error edge, and resets after a success.
func backedOff(ctx context.Context, rdb *redis.Client, handle func(string)) {
	backoff := time.Second
	for {
		res, err := rdb.BLPop(ctx, 0, "jobs").Result()
		if err != nil {
			log.Print(err)
			time.Sleep(backoff)
			backoff = min(backoff*2, time.Minute)
			continue
		}
		backoff = time.Second
		handle(res[1])
	}
}

// OK: it waits on a timer, or for the end, in a select.
func selected(ctx context.Context, rdb *redis.Client, handle func(string)) {
	for {
		res, err := rdb.BLPop(ctx, 0, "jobs").Result()
		if err != nil {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
			continue
		}
		handle(res[1])
	}
}

// OK: a failure ends the loop.
func returns(ctx context.Context, rdb *redis.Client, handle func(string)) error {
	for {
		res, err := rdb.BLPop(ctx, 0, "jobs").Result()
		if err != nil {
			return err
		}
		handle(res[1])
	}
}

// OK: a failure breaks out.
func breaks(ctx context.Context, rdb *redis.Client, handle func(string)) {
	for {
		res, err := rdb.BLPop(ctx, 0, "jobs").Result()
		if err != nil {
			log.Print(err)
			break
		}
		handle(res[1])
	}
}

// OK: only an empty queue goes straight back; a failure waits.
func nilOnly(ctx context.Context, rdb *redis.Client, handle func(string)) {
	for {
		res, err := rdb.BLPop(ctx, 5*time.Second, "jobs").Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			log.Print(err)
			time.Sleep(time.Second)
			continue
		}
		handle(res[1])
	}
}

// OK: each turn waits for the ticker.
func ticked(ctx context.Context, db *sql.DB) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if _, err := db.ExecContext(ctx, "DELETE FROM sessions WHERE expired"); err != nil {
			log.Print(err)
			continue
		}
	}
}

// OK: each turn waits for the next job.
func jobs(ctx context.Context, db *sql.DB, queue <-chan string) {
	for {
		job := <-queue
		if _, err := db.ExecContext(ctx, "UPDATE jobs SET done = true WHERE id = $1", job); err != nil {
			log.Print(err)
			continue
		}
	}
}

// OK: a helper that sleeps is a pause.
func helped(ctx context.Context, rdb *redis.Client, handle func(string)) {
	for {
		res, err := rdb.BLPop(ctx, 0, "jobs").Result()
		if err != nil {
			pause()
			continue
		}
		handle(res[1])
	}
}

func pause() { time.Sleep(time.Second) }

// OK: each turn takes the next row; a failed update is not tried again
// on it.
func rows(ctx context.Context, db *sql.DB) error {
	rs, err := db.QueryContext(ctx, "SELECT id FROM jobs")
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		var id int
		if err := rs.Scan(&id); err != nil {
			continue
		}
		if _, err := db.ExecContext(ctx, "UPDATE jobs SET done = true WHERE id = $1", id); err != nil {
			log.Print(err)
			continue
		}
	}
	return rs.Err()
}

// OK: a timeout has waited already; a failure ends the loop.
func timedOut(ctx context.Context, rdb *redis.Client, handle func(string)) error {
	for {
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		res, err := rdb.BLPop(cctx, 0, "jobs").Result()
		cancel()
		if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
			continue
		}
		if err != nil {
			return err
		}
		handle(res[1])
	}
}

func isTimeout(err error) bool {
	var te interface{ Timeout() bool }
	return errors.As(err, &te) && te.Timeout()
}
