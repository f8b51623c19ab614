// Package weblib is a small web framework the tables do not name: what
// its functions serve with is learned from its code (facts).
package weblib

import (
	"net/http"
)

type App struct{ mux *http.ServeMux }

func New() *App { return &App{mux: http.NewServeMux()} }

// Listen serves on http.ListenAndServe.
func (a *App) Listen(addr string) error { // want Listen:`serves with no timeouts: http.ListenAndServe`
	return http.ListenAndServe(addr, a.mux) // want `http.ListenAndServe serves`
}

// Start builds its server and serves it.
func (a *App) Start(addr string) error { // want Start:`serves with no timeouts: &http.Server{} without ReadHeaderTimeout`
	srv := &http.Server{Addr: addr, Handler: a.mux} // want `http.Server without ReadHeaderTimeout`
	return srv.ListenAndServe()
}

// Server returns its server: the caller sets the timeouts, or not.
func (a *App) Server(addr string) *http.Server {
	return &http.Server{Addr: addr, Handler: a.mux} // want `http.Server without ReadHeaderTimeout`
}
