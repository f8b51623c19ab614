// Package webhooks is served by hookserver, a second server of the module
// that applies no deadline; the servers that do (package server, command
// api) do not import it: its sends under the request's context wait as
// long as the client does.
package webhooks

import (
	"net/http"
)

func Receive(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost, "https://audit.example.com/events", r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends on http.DefaultClient, which has no timeout, under the context of the request being served`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
	w.WriteHeader(http.StatusAccepted)
}
