// Package httputil has helpers that read request bodies: they are reported // want package:"reads bodies"
// where a handler of another package calls them.
package httputil

import (
	"encoding/json"
	"net/http"
)

func DecodeJSON(r *http.Request, v any) error { // want DecodeJSON:"reads body of parameter 0 whole"
	return json.NewDecoder(r.Body).Decode(v)
}

// DecodeLimited bounds the body itself: no fact.
func DecodeLimited(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	return json.NewDecoder(r.Body).Decode(v)
}
