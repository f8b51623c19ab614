// Package limitedpkg wraps its router in http.MaxBytesHandler: every body is bounded. // want package:"applies a body limit"
package limitedpkg

import (
	"io"
	"net/http"
)

func upload(w http.ResponseWriter, r *http.Request) {
	io.ReadAll(r.Body)
}

func Server() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/upload", upload)
	return http.MaxBytesHandler(mux, 8<<20)
}
