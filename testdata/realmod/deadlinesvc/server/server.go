// Package server builds the service's router with the real chi, behind
// middleware.Timeout: the context of every request the handlers of the
// packages it imports serve has a deadline.
package server

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"realmod/deadlinesvc/handlers"
)

func Router() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.Timeout(30 * time.Second))
	r.Get("/avatar/{user}", handlers.Avatar)
	r.Get("/profile/{user}", handlers.Profile)
	r.Post("/refresh", handlers.Refresh)
	return r
}
