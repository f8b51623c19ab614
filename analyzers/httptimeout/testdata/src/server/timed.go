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
