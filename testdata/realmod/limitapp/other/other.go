// Package other is a second server of the module that counts what it
// reads for metrics and limits nothing: its reads are reported.
package other

import (
	"encoding/json"
	"io"
	"net/http"
)

type countingReader struct {
	io.ReadCloser
	read int64
}

func (r *countingReader) Read(b []byte) (int, error) {
	n, err := r.ReadCloser.Read(b)
	r.read += int64(n)
	return n, err
}

func count(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = &countingReader{ReadCloser: r.Body}
		next.ServeHTTP(w, r)
	})
}

func create(w http.ResponseWriter, r *http.Request) {
	var in map[string]any
	json.NewDecoder(r.Body).Decode(&in) // want `json.NewDecoder\(r.Body\) decodes the request body with no size limit`
}

func Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/create", create)
	return count(mux)
}
