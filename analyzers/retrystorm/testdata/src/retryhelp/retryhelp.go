// Package retryhelp hands calls to other services to retry helpers.
package retryhelp

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
	"retryhelp/retryutil"
)

var client = &http.Client{Timeout: 5 * time.Second}

// local is the package's own helper.
func local(fn func() error) { // want local:"retries param 0 \\(paced false, bounded false\\)"
	for {
		if err := fn(); err == nil {
			return
		}
	}
}

func Publish(ctx context.Context, rdb *redis.Client, u string) error {
	local(func() error { return rdb.Del(ctx, "events").Err() })                        // want `^the func literal handed to local is retried in a loop with no pause and no bound \(local → func literal → .*Del\): while redis is down`
	retryutil.Forever(func() error { return rdb.Set(ctx, "k", 1, time.Minute).Err() }) // want `^the func literal handed to retryutil.Forever is retried in a loop with no pause and no bound`
	_ = retryutil.Value(func() (*http.Response, error) { return client.Get(u) })       // want `the func literal handed to retryutil.Value is retried forever at a fixed interval \(retryutil.Value → func literal → \(\*http.Client\).Get\): while the service is down`
	retryutil.Forever(ping)                                                            // want `^ping handed to retryutil.Forever is retried in a loop with no pause and no bound \(retryutil.Forever → ping → .*Get\)`
	return retryutil.Do(3, func() error {                                              // want `the func literal handed to retryutil.Do is retried in a loop with no pause between attempts`
		resp, err := client.Get(u)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	})
}

func ping() error {
	resp, err := client.Get("http://example.com/ping")
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// OK: the helpers that back off, or pause and give up; a function that
// calls no service; each item once.
func Fine(ctx context.Context, rdb *redis.Client, names []string) {
	_ = retryutil.Backoff(5, func() error { return rdb.Get(ctx, "k").Err() })
	_ = retryutil.Paced(5, func() error { return rdb.Get(ctx, "k").Err() })
	_ = retryutil.Do(3, func() error { return parse("x") })
	_ = retryutil.Each(names, func(n string) error { return rdb.Set(ctx, n, 1, 0).Err() })
	retryutil.Wrapped(func() error { return rdb.Get(ctx, "k").Err() }, nil)
}

func parse(s string) error {
	if strings.TrimSpace(s) == "" {
		return context.Canceled
	}
	return nil
}
