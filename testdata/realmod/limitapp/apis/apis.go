// Package apis builds the server: every route passes BodyLimit, a
// middleware of its own that replaces the body with a counting reader of
// its own type, which stops at the limit.
package apis

import (
	"errors"
	"io"
	"net/http"

	"realmod/limitapp/router"
)

const DefaultMaxBodySize int64 = 32 << 20

var errTooLarge = errors.New(http.StatusText(http.StatusRequestEntityTooLarge))

type limitedReader struct {
	io.ReadCloser
	limit, totalRead int64
}

func (r *limitedReader) Read(b []byte) (int, error) {
	n, err := r.ReadCloser.Read(b)
	if err != nil {
		return n, err
	}
	r.totalRead += int64(n)
	if r.totalRead > r.limit {
		return n, errTooLarge
	}
	return n, nil
}

func applyBodyLimit(e *router.Event, limitBytes int64) error {
	if limitBytes <= 0 {
		return nil
	}
	if e.Request.ContentLength > limitBytes {
		return errTooLarge
	}
	e.Request.Body = &limitedReader{ReadCloser: e.Request.Body, limit: limitBytes}
	return nil
}

func BodyLimit(limitBytes int64) *router.Handler {
	return &router.Handler{ID: "bodyLimit", Func: func(e *router.Event) error {
		if err := applyBodyLimit(e, limitBytes); err != nil {
			return err
		}
		return e.Next()
	}}
}

func create(e *router.Event) error {
	var in map[string]any
	return e.BindBody(&in)
}

func NewRouter() *router.Router {
	r := &router.Router{}
	r.Bind(BodyLimit(DefaultMaxBodySize))
	r.POST("/api/records", create)
	return r
}
