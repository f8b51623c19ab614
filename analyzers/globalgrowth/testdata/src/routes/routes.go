// Package routes keeps per-route metrics keyed by net/http's pattern.
package routes

import (
	"net/http"
	"sync"
)

var (
	mu       sync.Mutex
	patterns = map[string]int{}
	paths    = map[string]int{}
)

// OK: r.Pattern is the ServeMux pattern the request matched.
func metrics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		mu.Lock()
		patterns[r.Pattern]++
		mu.Unlock()
	})
}

func leak(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		mu.Lock()
		paths[r.URL.Path]++ // want `the package-level map paths gets a new entry on every request`
		mu.Unlock()
	})
}
