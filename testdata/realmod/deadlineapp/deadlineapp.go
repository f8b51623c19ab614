// Package deadlineapp serves its routes with the real chi behind
// middleware.Timeout: the context of every request has a deadline.
package deadlineapp

import (
	"io"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

func Router() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.Timeout(30 * time.Second))
	r.Get("/avatar/{user}", avatar)
	r.Get("/feed", feed)
	return r
}

// OK: r.Context() ends within the router's thirty seconds.
func avatar(w http.ResponseWriter, r *http.Request) {
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

// http.Get takes no context: the router's deadline does not reach it.
func feed(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("https://example.com/feed") // want `http.Get sends on http.DefaultClient, which has no timeout`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}
