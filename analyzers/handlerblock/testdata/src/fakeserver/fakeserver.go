// Package fakeserver starts stubs of slow upstreams for integration tests
// and local development; it imports no testing package.
package fakeserver

import (
	"net/http"
	"net/http/httptest"
	"time"
)

// --- not reported ---

// NewSlowUpstream starts an upstream that answers after d: a stub's
// delay, on purpose.
func NewSlowUpstream(d time.Duration) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(d)
		w.WriteHeader(http.StatusOK)
	}))
}

func NewFlakyTLS() *httptest.Server {
	s := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(time.Second)
	}))
	s.StartTLS()
	return s
}

// --- reported: the same handler served by the service ---

func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(time.Second) // want `time.Sleep sleeps while the request waits`
	})
}
