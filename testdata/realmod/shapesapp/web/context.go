// Package web is a service's own handler context, as gitea has one: a
// Base that is a context.Context and holds the request and the response
// writer in fields, embedded in the Context its handlers take, and a
// router that takes handlers as values of any type.
package web

import (
	"context"
	"net/http"
	"time"
)

// ResponseWriter is the service's response writer: an http.ResponseWriter
// that remembers its status.
type ResponseWriter interface {
	http.ResponseWriter
	http.Flusher
	WrittenStatus() int
}

// Base is the part of the context every handler has.
type Base struct {
	originCtx context.Context

	Resp ResponseWriter
	Req  *http.Request
	Data map[string]any
}

func (b *Base) Deadline() (time.Time, bool)     { return b.originCtx.Deadline() }
func (b *Base) Done() <-chan struct{}           { return b.originCtx.Done() }
func (b *Base) Err() error                      { return b.originCtx.Err() }
func (b *Base) Value(key any) any               { return b.originCtx.Value(key) }
func (b *Base) JSON(status int, v any)          { b.Resp.WriteHeader(status) }
func (b *Base) FormString(key string) string    { return b.Req.FormValue(key) }
func (b *Base) PathParam(name string) string    { return b.Req.PathValue(name) }
func (b *Base) Status(status int)               { b.Resp.WriteHeader(status) }
func (b *Base) Redirect(location string)        { http.Redirect(b.Resp, b.Req, location, http.StatusSeeOther) }
func (b *Base) ServerError(msg string, e error) { b.Resp.WriteHeader(http.StatusInternalServerError) }

// Context is what the web handlers take.
type Context struct {
	*Base
	Link string
	Repo *Repository
}

// Repository is the repository a request is about.
type Repository struct {
	ID    int64
	Owner string
}

// Router registers the service's handlers; they may be of several types.
type Router struct{ mux *http.ServeMux }

// NewRouter returns a router.
func NewRouter() *Router { return &Router{mux: http.NewServeMux()} }

// Get registers handlers for GET requests to pattern.
func (r *Router) Get(pattern string, h ...any) {}

// Post registers handlers for POST requests to pattern.
func (r *Router) Post(pattern string, h ...any) {}

// ServeHTTP dispatches to the handlers.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) { r.mux.ServeHTTP(w, req) }
