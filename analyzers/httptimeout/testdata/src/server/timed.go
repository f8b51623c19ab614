package server

import (
	"net/http"
	"time"
)

func timedServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second} // OK
}

func readTimeoutServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadTimeout: time.Minute} // OK
}

var readTimeout = 30 * time.Second

// OK: on the loopback interface, no client from outside can hold it open.
func debugServer(h http.Handler) error {
	go http.ListenAndServe("localhost:6060", h)
	srv := &http.Server{Addr: "127.0.0.1:6061", Handler: h}
	return srv.ListenAndServe()
}

func harden(s *http.Server) {
	s.ReadHeaderTimeout = 5 * time.Second
	s.IdleTimeout = 120 * time.Second
}

func idleOnly(s *http.Server) { s.IdleTimeout = 120 * time.Second }

// OK: the variable that holds the server is handed to a function that
// sets its header timeout.
func hardened(h http.Handler) error {
	s := &http.Server{Addr: ":9090", Handler: h}
	harden(s)
	return s.ListenAndServe()
}

func hardenedValue(h http.Handler) error {
	s := http.Server{Addr: ":9090", Handler: h}
	harden(&s)
	return s.ListenAndServe()
}

func idled(h http.Handler) error {
	s := &http.Server{Addr: ":9090", Handler: h} // want `http.Server without ReadHeaderTimeout or ReadTimeout`
	idleOnly(s)
	return s.ListenAndServe()
}
