// Package wrapped serves its router through wrapserver.New, which // want package:"applies a body limit" package:"imports wrapserver"
// limits every body.
package wrapped

import (
	"net/http"

	"wrapserver"
)

func create(w http.ResponseWriter, r *http.Request) {
	var v map[string]any
	wrapserver.Decode(r, &v)
}

func Serve() error {
	mux := http.NewServeMux()
	mux.HandleFunc("/create", create)
	return wrapserver.New(":8080", mux).ListenAndServe()
}
