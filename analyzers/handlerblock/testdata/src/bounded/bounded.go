// Package bounded gives a handler's I/O a deadline on a detached context:
// the "add a timeout to the call" fix, parented on context.Background().
package bounded

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"time"
)

type H struct {
	db      *sql.DB
	timeout time.Duration
}

func (h *H) Get(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var name string
	if err := h.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id=$1", r.FormValue("id")).Scan(&name); err != nil { // want `^note: h.db.QueryRowContext runs under a deadline set on context.Background\(\), detached from the request: the work ends by its deadline, but is not cancelled when the client goes away; set the deadline on r.Context\(\) instead`
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(name)
}

var hc = &http.Client{}

func (h *H) Proxy(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://inventory/items", nil)
	resp, err := hc.Do(req) // want `^note: hc.Do runs under a deadline set on context.Background\(\), detached from the request: the work ends by its deadline`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
}

// A deadline derived again, or given a value, is still the short one.
func (h *H) Tagged(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.TODO(), 2*time.Second)
	defer cancel()
	tagged := context.WithValue(ctx, struct{}{}, "tagged")
	h.db.ExecContext(tagged, "UPDATE users SET seen = now()") // want `^note: h.db.ExecContext runs under a deadline set on context.TODO\(\)`
}

func (h *H) Helper(w http.ResponseWriter, r *http.Request) {
	h.lookup(r.FormValue("id")) // want `^note: h.lookup does I/O under a deadline set on context.Background\(\) \(h.lookup → \(\*sql.DB\).QueryRowContext\), detached from the request: .*pass r.Context\(\) down and set the deadline on it`
}

func (h *H) lookup(id string) string {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var name string
	h.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id=$1", id).Scan(&name)
	return name
}

// A long deadline, or one the program configures, lets the work go on
// long after the client left: reported as a detached context is.
func (h *H) Long(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	h.db.QueryContext(ctx, "SELECT id FROM reports") // want `^warning: h.db.QueryContext runs under context.Background\(\), detached from the request: when the client goes away, the work goes on`
}

func (h *H) Configured(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.Background(), h.timeout)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://inventory/items", nil)
	hc.Do(req) // want `^error: hc.Do runs under context.Background\(\), detached from the request: when the client goes away, the work goes on`
}

func (h *H) Cancellable(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	h.db.ExecContext(ctx, "UPDATE users SET seen = now()") // want `^warning: h.db.ExecContext runs under context.Background\(\), detached from the request: when the client goes away`
}

// The deadline set on the request's context, or on one detached from it
// on purpose: not reported.
func (h *H) Fixed(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	h.db.ExecContext(ctx, "UPDATE users SET seen = now()")
	audit, stop := context.WithTimeout(context.WithoutCancel(r.Context()), 3*time.Second)
	defer stop()
	h.db.ExecContext(audit, "INSERT INTO audit (what) VALUES ('seen')")
}

// Sweep runs from a job, outside the request path.
func (h *H) Sweep() {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	h.db.ExecContext(ctx, "DELETE FROM sessions WHERE expires < now()")
}
