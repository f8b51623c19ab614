// Package retry retries calls to other services, well and badly.
package retry

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"log"
	"math/rand"
	"net/http"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/sony/gobreaker"
	"store"
)

func tight(c *http.Client, req *http.Request) *http.Response {
	for {
		resp, err := c.Do(req) // want `^c.Do is retried in a loop with no pause and no bound: while the service is down, every caller hits it again as fast as it fails, and never stops \(a retry storm\); back off exponentially with jitter, bound the attempts, and put a circuit breaker \(sony/gobreaker\) around the call$`
		if err == nil {
			return resp
		}
	}
}

func bounded(db *sql.DB) error {
	var err error
	for i := 0; i < 3; i++ {
		_, err = db.Exec("UPDATE t SET x = 1") // want `^db.Exec is retried in a loop with no pause between attempts: while the database is down, every caller multiplies its load at once \(a retry storm\)`
		if err == nil {
			return nil
		}
	}
	return err
}

func boundedRange(db *sql.DB) (err error) {
	for range 5 {
		if _, err = db.Exec("DELETE FROM t"); err == nil { // want `db.Exec is retried in a loop with no pause between attempts`
			break
		}
	}
	return err
}

func fixedForever(db *sql.DB) {
	for {
		if _, err := db.Exec("INSERT INTO t VALUES (1)"); err != nil { // want `^db.Exec is retried forever at a fixed interval: while the database is down, every caller keeps hitting it in step and never gives up`
			log.Println(err)
			time.Sleep(time.Second)
			continue
		}
		return
	}
}

// The retried call is a helper of another package: the chain says where
// it goes.
func viaHelper(s *store.Store) {
	for {
		err := s.Save("x") // want `s.Save is retried in a loop with no pause and no bound \(loop → s.Save → \(\*sql.DB\).Exec\): while the database is down`
		if err != nil {
			log.Println(err)
			continue
		}
		break
	}
}

func whileFailing(db *sql.DB) {
	err := errors.New("not yet")
	for err != nil {
		_, err = db.Exec("UPDATE t SET x = 2") // want `db.Exec is retried in a loop with no pause and no bound`
	}
}

// Retrying transient errors tightly is the storm itself.
func selective(db *sql.DB) error {
	for {
		_, err := db.Exec("UPDATE t SET x = 3") // want `db.Exec is retried in a loop with no pause and no bound`
		if err == nil {
			return nil
		}
		if !isTemporary(err) {
			return err
		}
	}
}

func isTemporary(err error) bool { return true }

// A transaction's body reaches the database through a function literal.
func inTransaction(db *sql.DB) {
	for attempt := 0; attempt < 3; attempt++ {
		if err := withTx(db, func(tx *sql.Tx) error { // want `withTx is retried in a loop with no pause between attempts`
			_, err := tx.Exec("UPDATE t SET x = 4")
			return err
		}); err == nil {
			return
		}
	}
}

func withTx(db *sql.DB, f func(*sql.Tx) error) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	return f(tx)
}

// OK: the delay doubles after each failure.
func exponential(c *http.Client, u string) *http.Response {
	delay := 100 * time.Millisecond
	for {
		resp, err := c.Get(u)
		if err == nil {
			return resp
		}
		time.Sleep(delay)
		delay *= 2
	}
}

// OK: the delay grows with the attempt.
func linear(db *sql.DB) {
	for i := 1; ; i++ {
		if _, err := db.Exec("UPDATE t SET x = 5"); err == nil {
			return
		}
		time.Sleep(time.Duration(i) * time.Second)
	}
}

// OK: a fixed pause, a few times.
func boundedPaused(db *sql.DB) error {
	var err error
	for i := 0; i < 5; i++ {
		if _, err = db.Exec("UPDATE t SET x = 6"); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// OK: a fixed pause, until the caller's context ends.
func untilDone(ctx context.Context, c *http.Client, req *http.Request) {
	for {
		if _, err := c.Do(req); err == nil {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// OK: a backoff policy says how long to wait.
func policy(c *http.Client, u string) {
	b := backoff.NewExponentialBackOff()
	for {
		if _, err := c.Get(u); err == nil {
			return
		}
		time.Sleep(b.NextBackOff())
	}
}

// OK: the library retries with backoff and a bound of its own.
func library(db *sql.DB) {
	for {
		err := backoff.Retry(func() error {
			_, err := db.Exec("UPDATE t SET x = 7")
			return err
		}, backoff.NewExponentialBackOff())
		if err == nil {
			return
		}
	}
}

// OK: a circuit breaker fails fast while the service is down.
func breaker(cb *gobreaker.CircuitBreaker, c *http.Client, req *http.Request) {
	for {
		_, err := cb.Execute(func() (interface{}, error) { return c.Do(req) })
		if err == nil {
			return
		}
	}
}

var ErrDuplicate = errors.New("duplicate key")

// OK: only a conflict is retried; a service that is down is tried once.
func conflict(db *sql.DB, newID func() string) error {
	for {
		_, err := db.Exec("INSERT INTO t (id) VALUES ($1)", newID())
		if err == nil {
			return nil
		}
		if !errors.Is(err, ErrDuplicate) {
			return err
		}
	}
}

var ErrVersionConflict = errors.New("version moved")

func conflictSwitch(db *sql.DB) error {
	for {
		_, err := db.Exec("UPDATE t SET v = v + 1 WHERE v = 3")
		switch {
		case err == nil:
			return nil
		case errors.Is(err, ErrVersionConflict):
			continue
		default:
			return err
		}
	}
}

// A consumer goes on after success too, but on a failure it goes
// straight back to the call: it spins while the service is down.
func consume(c *http.Client, u string, handle func(*http.Response)) {
	for {
		resp, err := c.Get(u) // want `^c.Get is called again at once when it fails: while the service is down, the loop spins, hitting it as fast as it fails \(a retry storm\); wait before going back to it after an error, backing off exponentially with jitter up to a cap$`
		if err != nil {
			continue
		}
		handle(resp)
	}
}

// OK: a failure ends the loop; pages are fetched until the last.
func pages(c *http.Client, u string) error {
	for {
		resp, err := c.Get(u)
		if err != nil {
			return err
		}
		if u = resp.Header.Get("Link"); u == "" {
			return nil
		}
	}
}

// OK: each replica once, in turn.
func failover(c *http.Client, hosts []string) *http.Response {
	for _, h := range hosts {
		if resp, err := c.Get(h); err == nil {
			return resp
		}
	}
	return nil
}

// The round trip is the receiver of the call whose error is tested.
func scanned(db *sql.DB) (n int) {
	for {
		if err := db.QueryRow("SELECT count(*) FROM t").Scan(&n); err == nil { // want `^db.QueryRow is retried in a loop with no pause and no bound`
			return n
		}
	}
}

// OK: each iteration asks for the next page; a failed page is logged
// and skipped, not retried.
func paged(db *sql.DB) {
	for page := 0; ; page++ {
		rows, err := db.Query("SELECT id FROM t LIMIT 10 OFFSET $1", page*10)
		if err != nil {
			continue
		}
		if !rows.Next() {
			return
		}
	}
}

var ErrPwned = errors.New("password found in a breach")

// OK: a new candidate on one specific answer of the service; any other
// error returns at once.
func candidate(c *http.Client, gen func() string) (string, error) {
	for {
		pw := gen()
		if err := checkPwned(c, pw); err != nil {
			if errors.Is(err, ErrPwned) {
				continue
			}
			return "", err
		}
		return pw, nil
	}
}

func checkPwned(c *http.Client, pw string) error {
	_, err := c.Get("http://pwned/" + pw)
	return err
}

var ErrUnavailable = errors.New("service unavailable")

// A sentinel that names the service's failure is the storm's own.
func unavailable(c *http.Client, u string) error {
	for {
		_, err := c.Get(u) // want `c.Get is retried in a loop with no pause and no bound`
		if err == nil {
			return nil
		}
		if !errors.Is(err, ErrUnavailable) {
			return err
		}
	}
}

// pause waits, or gives up when the worker stops: a select is no sleep,
// but it paces the loop that calls it.
func pause(ctx context.Context, stop <-chan struct{}, d time.Duration) bool {
	select {
	case <-stop:
		return false
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

func pausedByHelper(ctx context.Context, db *sql.DB, stop <-chan struct{}) {
	for {
		if _, err := db.ExecContext(ctx, "SELECT pg_try_advisory_lock(1)"); err != nil {
			if !pause(ctx, stop, time.Second) {
				return
			}
			continue
		}
		return
	}
}

// A count of retries taken from a setting, counted down to zero, is a
// bound: the loop still retries with no pause.
func countedDown(c *http.Client, req *http.Request, retries int) (*http.Response, error) {
	var last error
	left := retries
	for {
		if left == 0 {
			return nil, last
		}
		left--
		resp, err := c.Do(req) // want `c.Do is retried in a loop with no pause between attempts:`
		if err != nil {
			last = err
			continue
		}
		return resp, nil
	}
}

// Each iteration reads the next record of a stream: a failed lookup
// moves on to the next record, it is not tried again.
func eachRecord(r *bufio.Reader, db *sql.DB) error {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return err
		}
		var n int
		if err := db.QueryRow("SELECT 1 FROM blobs WHERE oid = $1", line).Scan(&n); err != nil {
			continue
		}
		return nil
	}
}

// Probing where a service lives, one path prefix after another: the
// queue of candidates shrinks on every failure, and the client is
// pointed at the next one.
type apiClient struct{ base string }

func (a *apiClient) Version() error {
	_, err := http.Get(a.base + "/api/v4/version")
	return err
}

func withBase(base string) func(*apiClient) {
	return func(a *apiClient) { a.base = base }
}

func probe(a *apiClient, parts []string) error {
	u := a.base
	for len(parts) >= 2 {
		if err := a.Version(); err == nil {
			return nil
		}
		u += "/" + parts[0]
		parts = parts[1:]
		withBase(u)(a)
	}
	return errors.New("not found")
}

func jitterSleep() { time.Sleep(time.Duration(rand.Intn(1000)) * time.Millisecond) }

// OK: a helper that sleeps a random time paces the loop, as any helper
// that sleeps does; that handlerblock leaves random delays alone does not
// make them no wait here.
func jittered(c *http.Client, u string) *http.Response {
	for {
		resp, err := c.Get(u)
		if err == nil {
			return resp
		}
		jitterSleep()
	}
}

// Ranging over a ticker waits a fixed time each turn, as a sleep does.
func waitTicker(c *http.Client, u string) *http.Response {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for range t.C {
		resp, err := c.Get(u) // want `c.Get is retried forever at a fixed interval`
		if err == nil {
			return resp
		}
		log.Println("waiting")
	}
	return nil
}

// OK: a ticker and a bound.
func waitTickerBounded(c *http.Client, u string) *http.Response {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	attempts := 0
	for range t.C {
		resp, err := c.Get(u)
		if err == nil {
			return resp
		}
		attempts++
		if attempts >= 5 {
			return nil
		}
	}
	return nil
}

// OK: a periodic job, not a retry: it does not stop when the call works.
func refreshEvery(c *http.Client, u string) {
	for range time.Tick(time.Minute) {
		resp, err := c.Get(u)
		if err != nil {
			log.Println(err)
			continue
		}
		resp.Body.Close()
	}
}
