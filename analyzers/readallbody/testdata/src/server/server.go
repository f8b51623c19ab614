// Package server puts the middleware of another package in front of its // want package:"applies a body limit" package:"imports bodylimit"
// router: its handlers' bodies are bounded.
package server

import (
	"net/http"

	"bodylimit"
)

func create(w http.ResponseWriter, r *http.Request) {
	var v map[string]any
	bodylimit.Decode(r, &v)
}

func Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/create", create)
	return bodylimit.Limit(mux)
}
