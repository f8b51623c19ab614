// Package handlers holds the handlers package server routes behind
// chi's middleware.Timeout: a send under their request's context ends
// with the router's deadline, which only the whole program shows.
package handlers

import (
	"context"
	"io"
	"net/http"

	"github.com/go-chi/chi/v5"
)

// OK: r.Context() ends within the router's thirty seconds.
func Avatar(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://www.gravatar.com/avatar/"+chi.URLParam(r, "user"), nil)
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

// fetch leaves the deadline to its callers.
func fetch(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// OK: handed the request's context, which has the router's deadline.
func Profile(w http.ResponseWriter, r *http.Request) {
	resp, err := fetch(r.Context(), "https://profiles.example.com/"+chi.URLParam(r, "user"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

// context.Background() has no deadline, whatever the router's.
func Refresh(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, "https://cache.example.com/refresh", nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends on http.DefaultClient, which has no timeout: when the service does not answer, the call waits forever`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}
