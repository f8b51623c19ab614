// Package metrics serves its metrics with servers a library completes. // want package:"imports gracefulish"
package metrics

import (
	"gracefulish"
	"net/http"
)

// Serve's server gets its timeouts from WithDefaults, as its code says.
func Serve(h http.Handler) error {
	return gracefulish.WithDefaults(&http.Server{Addr: ":9090", Handler: h}).ListenAndServe()
}

// ServeNamed's does not: Named sets no timeout.
func ServeNamed(h http.Handler) error { // want ServeNamed:`serves with no timeouts`
	return gracefulish.Named("metrics", &http.Server{Addr: ":9091", Handler: h}).ListenAndServe() // want `http.Server without ReadHeaderTimeout`
}
