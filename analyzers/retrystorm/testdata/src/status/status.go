// Package status retries on the status a service answers with: 429 and
// 5xx say it is overloaded or down, 409 that a write conflicted.
package status

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"strconv"
	"time"
)

type API struct{ hc *http.Client }

var ErrConflict = errors.New("version conflict")

// An error of the call ends the loop; a 429 sends it round again at once.
func (a *API) tooMany(req *http.Request) (*http.Response, error) {
	for {
		resp, err := a.hc.Do(req) // want `^a.hc.Do is retried in a loop with no pause and no bound`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
}

func (a *API) unavailable(url string) (*http.Response, error) {
	for i := 0; i < 5; i++ {
		resp, err := a.hc.Get(url) // want `^a.hc.Get is retried in a loop with no pause between attempts`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusServiceUnavailable {
			return resp, nil
		}
		resp.Body.Close()
	}
	return nil, errors.New("unavailable")
}

func (a *API) anyServerError(req *http.Request) (*http.Response, error) {
	for {
		resp, err := a.hc.Do(req) // want `a.hc.Do is retried in a loop with no pause and no bound`
		if err != nil {
			return nil, err
		}
		if 500 <= resp.StatusCode {
			continue
		}
		return resp, nil
	}
}

func (a *API) switched(req *http.Request) (*http.Response, error) {
	for {
		resp, err := a.hc.Do(req) // want `a.hc.Do is retried in a loop with no pause and no bound`
		if err != nil {
			return nil, err
		}
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusBadGateway:
			continue
		}
		return resp, nil
	}
}

// Retrying a conflict error only is exempt, but not when an overload
// status is retried too.
func (a *API) conflictAndOverload(req *http.Request) (*http.Response, error) {
	for {
		resp, err := a.hc.Do(req) // want `a.hc.Do is retried in a loop with no pause and no bound`
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			continue
		}
		return resp, nil
	}
}

// OK: it honours Retry-After, a few times.
func (a *API) retryAfter(req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := a.hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusTooManyRequests || attempt >= 5 {
			return resp, nil
		}
		resp.Body.Close()
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		if secs <= 0 {
			secs = 1 << attempt
		}
		select {
		case <-req.Context().Done():
			return nil, req.Context().Err()
		case <-time.After(time.Duration(secs) * time.Second):
		}
	}
}

// OK: a 409 is a conflict the service is up to answer.
func (a *API) conflict(req *http.Request) (*http.Response, error) {
	for {
		resp, err := a.hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusConflict {
			continue
		}
		return resp, nil
	}
}

// OK: a failure and any answer end the loop but a 200, which goes on to
// the next page.
func (a *API) pages(url string) error {
	for {
		resp, err := a.hc.Get(url)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return errors.New(resp.Status)
		}
		if url = resp.Header.Get("Link"); url == "" {
			return nil
		}
	}
}

// OK: the wait grows after each 503.
func (a *API) backedOff(req *http.Request) (*http.Response, error) {
	delay := 100 * time.Millisecond
	for {
		resp, err := a.hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusServiceUnavailable {
			return resp, nil
		}
		time.Sleep(delay)
		delay *= 2
	}
}

// OK: a fixed pause, a few times: the bound is in the test of the status.
func (a *API) fixedBounded(req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := a.hc.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusTooManyRequests || attempt >= 3 {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
}

// A test of the status is no bound.
func (a *API) fixedForever(req *http.Request) (*http.Response, error) {
	for {
		resp, err := a.hc.Do(req) // want `a.hc.Do is retried forever at a fixed interval`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 500 {
			time.Sleep(time.Second)
			continue
		}
		return resp, nil
	}
}

type retryTransport struct {
	base    http.RoundTripper
	retries int
}

// A retrying transport sends the request again at once.
func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := 0; i <= t.retries; i++ {
		resp, err = t.base.RoundTrip(req) // want `^t.base.RoundTrip is retried in a loop with no pause between attempts`
		if err == nil && resp.StatusCode < 502 {
			return resp, nil
		}
	}
	return resp, err
}

func direct(req *http.Request) *http.Response {
	for {
		resp, err := http.DefaultTransport.RoundTrip(req) // want `http.DefaultTransport.RoundTrip is retried in a loop with no pause and no bound`
		if err == nil {
			return resp
		}
	}
}

func onTransport(tr *http.Transport, req *http.Request) *http.Response {
	for {
		resp, err := tr.RoundTrip(req) // want `tr.RoundTrip is retried in a loop with no pause and no bound`
		if err == nil {
			return resp
		}
	}
}

type backoffTransport struct{ base http.RoundTripper }

// OK: it waits longer after each failure.
func (t *backoffTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ {
		if i > 0 {
			select {
			case <-req.Context().Done():
				return nil, req.Context().Err()
			case <-time.After(time.Duration(100<<i) * time.Millisecond):
			}
		}
		if resp, err = t.base.RoundTrip(req); err == nil && resp.StatusCode < 502 {
			return resp, nil
		}
	}
	return resp, err
}

// OK: it drains a table page by page (gitea's unstarRepos, RemoveAllPackages)
// and returns on the first error; it goes round after every success,
// whatever the database answered, and reads no status: no retry.
func drain(ctx context.Context, db *sql.DB) error {
	for {
		rows, err := db.QueryContext(ctx, "SELECT id FROM stars WHERE user_id = 1 LIMIT 50")
		if err != nil {
			return err
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		if n == 0 {
			return nil
		}
		if _, err := db.ExecContext(ctx, "DELETE FROM stars WHERE user_id = 1 LIMIT 50"); err != nil {
			return err
		}
	}
}

// OK: one transaction per schema version (miniflux's Migrate), returning
// on the first error.
func migrate(db *sql.DB, steps []func(*sql.Tx) error) error {
	for version := 0; version < len(steps); version++ {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		if err := steps[version](tx); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
