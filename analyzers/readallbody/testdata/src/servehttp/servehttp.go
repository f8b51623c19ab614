// Package servehttp limits its router through its ServeHTTP method // want package:"applies a body limit"
// value, served at an address: every route behind it is bounded.
package servehttp

import (
	"io"
	"net/http"
)

func upload(w http.ResponseWriter, r *http.Request) {
	io.ReadAll(r.Body)
}

func Serve() error {
	mux := http.NewServeMux()
	mux.HandleFunc("/upload", upload)
	return http.ListenAndServe(":8080", http.MaxBytesHandler(http.HandlerFunc(mux.ServeHTTP), 8<<20))
}
