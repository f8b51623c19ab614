// Package server serves HTTP with and without header timeouts. // want package:"imports github.com/prometheus/client_golang/prometheus/promhttp"
package server

import (
	"net"
	"net/http"
)

func serve(mux *http.ServeMux) error {
	return http.ListenAndServe(":8080", mux) // want `^http.ListenAndServe serves with a server that has no timeouts: a client that sends its request headers slowly holds a connection and a goroutine forever \(Slowloris\), until the server runs out of them; serve with an http.Server that sets ReadHeaderTimeout$`
}

func serveDefault(addr string) {
	http.ListenAndServe(addr, nil) // want `http.ListenAndServe serves with a server that has no timeouts`
}

func serveTLS(addr string, h http.Handler) error {
	return http.ListenAndServeTLS(addr, "cert.pem", "key.pem", h) // want `http.ListenAndServeTLS serves`
}

func serveListener(l net.Listener, h http.Handler) error {
	return http.Serve(l, h) // want `http.Serve serves`
}

func newServer(h http.Handler) *http.Server {
	return &http.Server{ // want `^http.Server without ReadHeaderTimeout or ReadTimeout: a client that sends its request headers slowly holds a connection and a goroutine forever \(Slowloris\), until the server runs out of them; set ReadHeaderTimeout$`
		Addr:    ":8080",
		Handler: h,
	}
}

func emptyServer() *http.Server {
	return &http.Server{} // want `http.Server without ReadHeaderTimeout`
}

func laterTimeout(h http.Handler) *http.Server {
	srv := &http.Server{Handler: h} // OK: set below
	srv.ReadTimeout = readTimeout
	return srv
}

// A timeout written as zero is none: net/http waits forever.
func zeroTimeout(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 0} // want `http.Server without ReadHeaderTimeout`
}

// Zeroed after it was built: no fix, the assignment would undo it.
func zeroedLater(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h} // want `http.Server without ReadHeaderTimeout`
	srv.ReadTimeout = 0
	srv.ReadHeaderTimeout = 0
	return srv.ListenAndServe()
}

// gosec reports the same servers (G114, G112): its suppression there is
// the maintainer's decision on ours too.
func devServer(h http.Handler) error {
	return http.ListenAndServe(":8000", h) //nolint:gosec // development only
}

func internalServer(h http.Handler) *http.Server {
	// #nosec G112 -- bound to the pod network only
	return &http.Server{Addr: ":9000", Handler: h}
}

// A suppression of another rule is no decision on this one.
func otherRule(h http.Handler) error {
	// #nosec G104 -- the error is logged by the caller
	return http.ListenAndServe(":8001", h) // want `http.ListenAndServe serves`
}
