// Package bodylimit is a middleware package: it bounds every body it // want package:"reads bodies"
// passes on, and reads none itself.
package bodylimit

import (
	"encoding/json"
	"net/http"
)

func Limit(next http.Handler) http.Handler { // want Limit:"limits bodies"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		next.ServeHTTP(w, r)
	})
}

// Decode is a helper: it reads what it is given.
func Decode(r *http.Request, v any) error { // want Decode:"reads body of parameter 0 whole"
	return json.NewDecoder(r.Body).Decode(v)
}
