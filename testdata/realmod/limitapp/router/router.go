// Package router is the program's own router library (pocketbase's
// tools/router): its Event binds request bodies, and reads them whole.
// The server that builds the router (package apis) binds a body limit of
// its own in front of every route: nothing here is reported.
package router

import (
	"encoding/json"
	"net/http"
)

type Event struct {
	Response http.ResponseWriter
	Request  *http.Request
}

func (e *Event) Next() error { return nil }

// BindBody decodes the body of the request the event serves.
func (e *Event) BindBody(dst any) error {
	return json.NewDecoder(e.Request.Body).Decode(dst)
}

type Handler struct {
	ID   string
	Func func(e *Event) error
}

type Router struct{ handlers []*Handler }

func (r *Router) Bind(h ...*Handler) { r.handlers = append(r.handlers, h...) }

func (r *Router) POST(path string, fn func(e *Event) error) {}
