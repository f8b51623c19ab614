// Package perroute limits the bodies of some routes only: the others are // want package:"wants a body limit"
// not behind the limit.
package perroute

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
)

type in struct{ Name string }

func createItem(w http.ResponseWriter, r *http.Request) {
	var v in
	json.NewDecoder(r.Body).Decode(&v) // want `json.NewDecoder\(r.Body\) decodes the request body with no size limit: one large request`
}

// upload is behind http.MaxBytesHandler on its route.
func upload(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	os.WriteFile("/tmp/up", b, 0o600)
}

// importCSV is behind the package's own limiter on its route.
func importCSV(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	os.WriteFile("/tmp/csv", b, 0o600)
}

func limit(n int64, next http.HandlerFunc) http.HandlerFunc { // want limit:"limits bodies"
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next(w, r)
	}
}

type api struct{}

// create is behind a limit on its route, as a method value.
func (api) create(w http.ResponseWriter, r *http.Request) {
	var v in
	json.NewDecoder(r.Body).Decode(&v)
}

func Routes() *http.ServeMux {
	var a api
	mux := http.NewServeMux()
	mux.HandleFunc("POST /items", createItem)
	mux.Handle("POST /upload", http.MaxBytesHandler(http.HandlerFunc(upload), 100<<20))
	mux.HandleFunc("POST /import", limit(50<<20, importCSV))
	mux.Handle("POST /create", http.MaxBytesHandler(http.HandlerFunc(a.create), 1<<20))
	return mux
}
