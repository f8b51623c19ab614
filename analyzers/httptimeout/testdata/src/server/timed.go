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
