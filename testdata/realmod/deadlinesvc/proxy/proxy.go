// Package proxy forwards requests upstream under their own context, which
// the command two imports up bounds with http.TimeoutHandler.
package proxy

import (
	"io"
	"net/http"
)

// OK: cmd/api serves gateway, which routes here, behind TimeoutHandler.
func Forward(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, "https://upstream.example.com"+r.URL.Path, r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}
