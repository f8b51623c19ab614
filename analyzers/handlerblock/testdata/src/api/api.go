// Package api is a handler two calls away from the query.
package api

import (
	"context"
	"net/http"
	"time"

	"routine"
	"store"

	"github.com/bytedance/gopkg/util/gopool"
)

type API struct {
	store *store.Store
	prof  *store.Profile
}

func (a *API) user(w http.ResponseWriter, r *http.Request) {
	name, _ := a.store.Name(r.PathValue("id")) // want `^note: a.store.Name does I/O that cannot be cancelled \(a.store.Name → \(\*sql.DB\).QueryRow\)`
	w.Write([]byte(name))
}

// A lazy loader queries only when the name is not loaded yet; when it
// does, the query runs detached from the request.
func (a *API) name(w http.ResponseWriter, r *http.Request) {
	a.prof.LoadName(context.Background()) // want `a.prof.LoadName does I/O under context.Background\(\) \(a.prof.LoadName → \(\*sql.DB\).QueryRowContext\), detached from the request: .*pass r.Context\(\) down instead`
	w.Write([]byte(a.prof.Name))
}

// slug's call compiles a pattern in another package, every time: that
// package's to hoist, not this handler's.
func (a *API) slug(w http.ResponseWriter, r *http.Request) {
	if !store.Slug(r.PathValue("slug")) {
		w.WriteHeader(http.StatusBadRequest)
	}
}

func (a *API) cachedName(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(a.store.CachedName(r.PathValue("id"))))
}

// A function literal called at once is the handler's own code: its sleep
// is reported once, where it is written, not again at the call.
func (a *API) pause(w http.ResponseWriter, r *http.Request) {
	func() {
		time.Sleep(time.Second) // want `^warning: time.Sleep sleeps while the request waits`
	}()
}

// One context.Background() that several calls share is one cause: one
// finding, which counts the others.
func (a *API) rate(w http.ResponseWriter, r *http.Request) {
	ctx := context.Background()
	a.prof.LoadName(ctx) // want `a.prof.LoadName does I/O under context.Background\(\) .* \(and 1 more call under that context.Background\(\) in this package\)`
	a.prof.LoadName(ctx)
}

// Work handed to a function that starts it with go is not waited for.
func (a *API) later(w http.ResponseWriter, r *http.Request) {
	routine.FireAndForget(func() {
		time.Sleep(time.Second)
		a.store.Name("x")
	})
}

// A pool's Go queues the work for a worker: the handler does not wait.
func (a *API) pooled(w http.ResponseWriter, r *http.Request) {
	gopool.Go(func() {
		time.Sleep(time.Second)
		a.store.Name("x")
	})
}
