// Package retries fetches from upstreams with a few attempts and a short
// pause between them, under the request's context with a deadline
// (new-api's ratio sync).
package retries

import (
	"context"
	"net/http"
	"sync"
	"time"
)

var client = &http.Client{}

// --- not reported ---

func fetchAll(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	for _, u := range []string{"http://a", "http://b"} {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			if err != nil {
				return
			}
			var resp *http.Response
			var lastErr error
			for attempt := 0; attempt < 3; attempt++ {
				resp, lastErr = client.Do(req)
				if lastErr == nil {
					break
				}
				time.Sleep(time.Duration(200*(1<<attempt)) * time.Millisecond)
			}
			if lastErr == nil {
				resp.Body.Close()
			}
		}(u)
	}
	wg.Wait()
}

func ping(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://a/ping", nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A range over a constant, returning on success.
func pingUpstream(w http.ResponseWriter, r *http.Request) {
	for attempt := range 3 {
		if err := ping(r.Context()); err == nil {
			return
		}
		time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)
	}
}

// --- reported ---

// Attempts without a context: they go on after the client left.
func fetchNoContext(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest(http.MethodGet, "http://a", nil) // want `http.NewRequest builds a request to another service that cannot be cancelled`
	for attempt := 0; attempt < 3; attempt++ {
		if _, err := client.Do(req); err == nil {
			break
		}
		time.Sleep(200 * time.Millisecond) // want `^warning: time.Sleep sleeps while the request waits`
	}
}

// Attempts under a detached context.
func fetchDetached(w http.ResponseWriter, r *http.Request) {
	for attempt := 0; attempt < 3; attempt++ {
		if err := ping(context.Background()); err == nil { // want `^error: ping does I/O under context.Background\(\) \(ping → \(\*http.Client\).Do\), detached from the request`
			return
		}
		time.Sleep(200 * time.Millisecond) // want `^warning: time.Sleep sleeps while the request waits`
	}
}

// Too many attempts.
func fetchMany(w http.ResponseWriter, r *http.Request) {
	for attempt := 0; attempt < 20; attempt++ {
		if err := ping(r.Context()); err == nil {
			return
		}
		time.Sleep(500 * time.Millisecond) // want `^warning: time.Sleep sleeps while the request waits`
	}
}

// A long pause, even between few attempts.
func fetchSlow(w http.ResponseWriter, r *http.Request) {
	for attempt := 0; attempt < 3; attempt++ {
		if err := ping(r.Context()); err == nil {
			return
		}
		time.Sleep(30 * time.Second) // want `^warning: time.Sleep sleeps while the request waits`
	}
}

// Polling a few times without leaving on success: every pause is taken.
func poll(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < 3; i++ {
		ping(r.Context())
		time.Sleep(time.Second) // want `^warning: time.Sleep sleeps while the request waits`
	}
}

// An unbounded retry.
func fetchForever(w http.ResponseWriter, r *http.Request) {
	for {
		if err := ping(r.Context()); err == nil {
			return
		}
		time.Sleep(time.Second) // want `^warning: time.Sleep sleeps while the request waits`
	}
}
