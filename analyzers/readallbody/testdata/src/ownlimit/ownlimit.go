// Package ownlimit is a router of its own, with a body-limit middleware // want package:"applies a body limit"
// of its own: the middleware replaces the body with a counting reader
// of its own type, which stops at the limit (pocketbase's BodyLimit).
package ownlimit

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

type Event struct {
	Response http.ResponseWriter
	Request  *http.Request
}

func (e *Event) Next() error { return nil }

type Handler struct {
	ID   string
	Func func(e *Event) error
}

type Router struct{ handlers []*Handler }

func (r *Router) Bind(h ...*Handler) { r.handlers = append(r.handlers, h...) }

func (r *Router) POST(path string, fn func(e *Event) error) {}

var errTooLarge = errors.New("request entity too large")

type limitedReader struct { // want limitedReader:"limits what it reads"
	io.ReadCloser
	limit, read int64
}

func (r *limitedReader) Read(b []byte) (int, error) {
	n, err := r.ReadCloser.Read(b)
	if err != nil {
		return n, err
	}
	r.read += int64(n)
	if r.read > r.limit {
		return n, errTooLarge
	}
	return n, nil
}

func applyBodyLimit(e *Event, n int64) error {
	if n <= 0 {
		return nil
	}
	e.Request.Body = &limitedReader{ReadCloser: e.Request.Body, limit: n}
	return nil
}

// BodyLimit is a middleware: what it limits is decided where it is bound.
func BodyLimit(n int64) *Handler { // want BodyLimit:"limits bodies"
	return &Handler{ID: "bodyLimit", Func: func(e *Event) error {
		if err := applyBodyLimit(e, n); err != nil {
			return err
		}
		return e.Next()
	}}
}

func (e *Event) BindBody(dst any) error {
	return json.NewDecoder(e.Request.Body).Decode(dst)
}

func create(e *Event) error {
	var v map[string]any
	return json.NewDecoder(e.Request.Body).Decode(&v)
}

func NewRouter() *Router {
	r := &Router{}
	r.Bind(BodyLimit(32 << 20))
	r.POST("/create", create)
	return r
}
