// Package wrapserver builds servers around the handler it is given, with // want package:"reads bodies"
// a body limit: the limit is applied where New is called.
package wrapserver

import (
	"encoding/json"
	"net/http"
	"time"
)

func New(addr string, h http.Handler) *http.Server { // want New:"limits bodies"
	return &http.Server{Addr: addr, Handler: http.MaxBytesHandler(h, 1<<20), ReadHeaderTimeout: 10 * time.Second}
}

// Limit makes a middleware that limits what it wraps: it applies nothing
// itself.
func Limit(n int64) func(http.Handler) http.Handler { // want Limit:"limits bodies"
	return func(next http.Handler) http.Handler {
		return http.MaxBytesHandler(next, n)
	}
}

// Decode is a helper: it reads what it is given.
func Decode(r *http.Request, v any) error { // want Decode:"reads body of parameter 0 whole"
	return json.NewDecoder(r.Body).Decode(v)
}
