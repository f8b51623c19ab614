// Package ownmiddleware bounds bodies in a middleware of its own. // want package:"applies a body limit"
package ownmiddleware

import (
	"encoding/json"
	"net/http"
)

func limitBodies(next http.Handler) http.Handler { // want limitBodies:"limits bodies"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		next.ServeHTTP(w, r)
	})
}

func create(w http.ResponseWriter, r *http.Request) {
	var v map[string]any
	json.NewDecoder(r.Body).Decode(&v)
}

func Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/create", create)
	return limitBodies(mux)
}
