// Package profiler serves an operator's diagnostics on ports of their // want package:"registers routes on http.DefaultServeMux" package:"imports github.com/prometheus/client_golang/prometheus/promhttp"
// own (openfga's profiler and metrics servers), and the service.
package profiler

import (
	"expvar"
	"net/http"
	"net/http/pprof"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Profiler's mux registers only pprof's handlers.
func Profiler(addr string) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.Handle("/debug/pprof/heap", pprof.Handler("heap"))
	srv := &http.Server{Addr: addr, Handler: mux} // OK: an operator's port
	return srv.ListenAndServe()
}

// Metrics serves only the Prometheus scrape endpoint.
func Metrics(addr string) error {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	srv := &http.Server{Addr: addr, Handler: mux} // OK: an operator's port
	return srv.ListenAndServe()
}

// The handler itself is a diagnostic, wrapped.
func MetricsFor(addr string, reg any) error {
	h := promhttp.InstrumentMetricHandler(reg, promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	go http.ListenAndServe(addr, expvar.Handler()) // OK: expvars only
	return http.ListenAndServe(addr, h)            // OK: metrics only
}

var debugMux = http.NewServeMux()

func init() {
	debugMux.Handle("/debug/vars", http.StripPrefix("/debug", expvar.Handler()))
}

// ServeDebug serves a package-level mux of diagnostics.
func ServeDebug(addr string) error {
	return (&http.Server{Addr: addr, Handler: debugMux}).ListenAndServe() // OK: an operator's port
}

// One real route beside pprof: the service is served there.
func Mixed(addr string) error { // want Mixed:"serves with no timeouts"
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/api/users", func(w http.ResponseWriter, r *http.Request) {})
	srv := &http.Server{Addr: addr, Handler: mux} // want `http.Server without ReadHeaderTimeout`
	return srv.ListenAndServe()
}

// A mux handed to a function may get any route there.
func Handed(addr string, register func(*http.ServeMux)) error { // want Handed:"serves with no timeouts"
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	register(mux)
	return http.ListenAndServe(addr, mux) // want `http.ListenAndServe serves`
}

// An exported mux: other packages register on it.
var Mux = http.NewServeMux()

func ServeExported(addr string) error { // want ServeExported:"serves with no timeouts"
	Mux.Handle("/metrics", promhttp.Handler())
	return http.ListenAndServe(addr, Mux) // want `http.ListenAndServe serves`
}

// A mux with no route of its own is no diagnostic port.
func Empty(addr string) error { // want Empty:"serves with no timeouts"
	return http.ListenAndServe(addr, http.NewServeMux()) // want `http.ListenAndServe serves`
}

// The handler is replaced after the literal.
func Replaced(addr string, api http.Handler) error { // want Replaced:"serves with no timeouts"
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	srv := &http.Server{Addr: addr, Handler: mux} // want `http.Server without ReadHeaderTimeout`
	srv.Handler = api
	return srv.ListenAndServe()
}

// A wrapper of a handler of the service's.
func Stripped(addr string, api http.Handler) error { // want Stripped:"serves with no timeouts"
	return http.ListenAndServe(addr, http.StripPrefix("/v1", api)) // want `http.ListenAndServe serves`
}

// DefaultServeMux in a package that imports pprof but registers the
// service there.
func ServeDefault(addr string) error { // want ServeDefault:"serves with no timeouts"
	http.HandleFunc("/api", func(w http.ResponseWriter, r *http.Request) {})
	return http.ListenAndServe(addr, nil) // want `http.ListenAndServe serves`
}
