package server

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// A server that is no literal is the zero http.Server: no timeouts.
func runNew(h http.Handler) error {
	server := new(http.Server) // want `^the zero http.Server has no ReadHeaderTimeout or ReadTimeout: a client that sends its request headers slowly holds a connection and a goroutine forever \(Slowloris\), until the server runs out of them; set ReadHeaderTimeout before serving$`
	server.Handler = h
	server.Addr = ":8081"
	return server.ListenAndServe()
}

func runVar(h http.Handler) error {
	var srv http.Server // want `the zero http.Server has no ReadHeaderTimeout`
	srv.Addr = ":8080"
	srv.Handler = h
	return srv.ListenAndServe()
}

// Returned: whoever serves it serves a server with no timeouts.
func newZero() *http.Server {
	return new(http.Server) // want `the zero http.Server has no ReadHeaderTimeout`
}

type app struct {
	srv  http.Server
	good http.Server
	lit  http.Server
	out  http.Server
}

func newApp(addr string, h http.Handler) *app {
	a := &app{lit: http.Server{ReadHeaderTimeout: time.Second}}
	a.srv.Addr = addr
	a.srv.Handler = h
	a.good.Handler = h
	a.good.ReadHeaderTimeout = 10 * time.Second
	a.out.Handler = h
	configure(&a.out)
	return a
}

func (a *app) run() error {
	go a.good.ListenAndServe()    // OK: its timeout is set
	go a.lit.ListenAndServe()     // OK: judged at the literal stored in it
	go a.out.ListenAndServe()     // OK: handed to code that may set it
	return a.srv.ListenAndServe() // want `^a.srv.ListenAndServe serves a.srv, a zero http.Server whose ReadHeaderTimeout and ReadTimeout the package never sets: .*set a.srv.ReadHeaderTimeout before serving`
}

func (a *app) runTLS() error {
	return a.srv.ListenAndServeTLS("cert.pem", "key.pem") // reported once, at the first serve
}

func configure(*http.Server) {}

// OK: the fixes.
func runNewTimed(h http.Handler) error {
	server := new(http.Server)
	server.Handler = h
	server.ReadHeaderTimeout = 10 * time.Second
	return server.ListenAndServe()
}

func runVarTimed(h http.Handler) error {
	var srv http.Server
	srv.Handler = h
	srv.ReadTimeout = 30 * time.Second
	return srv.ListenAndServe()
}

// A timeout written as zero is none.
func runVarZero(h http.Handler) error {
	var srv http.Server // want `the zero http.Server has no ReadHeaderTimeout`
	srv.Handler = h
	srv.ReadHeaderTimeout = 0
	return srv.ListenAndServe()
}

// OK: given a value later, judged there.
func runAssigned(h http.Handler) error {
	var srv http.Server
	srv = http.Server{Handler: h, ReadHeaderTimeout: time.Second}
	return srv.ListenAndServe()
}

// OK: handed to a function of the package that sets its timeouts.
func runHardened(h http.Handler) error {
	srv := new(http.Server)
	srv.Handler = h
	hardenZero(srv)
	return srv.ListenAndServe()
}

func hardenZero(s *http.Server) { s.ReadHeaderTimeout = 5 * time.Second }

// OK: on a constant loopback address, no outside client reaches it.
func runLocal(h http.Handler) error {
	var srv http.Server
	srv.Addr = "localhost:6060"
	srv.Handler = h
	return srv.ListenAndServe()
}

// OK: an operator's port that serves only metrics.
func runProfiles() error {
	srv := new(http.Server)
	srv.Addr = ":6060"
	srv.Handler = promhttp.Handler()
	return srv.ListenAndServe()
}

// OK: built, never served nor handed on.
func unusedZero() {
	var srv http.Server
	srv.Addr = ":8080"
	_ = srv.Addr
}

// OK: an exported variable, whose timeouts other packages may set.
var Server http.Server

func RunExported() error { return Server.ListenAndServe() }
