package knowledge

import (
	"go/types"
	"time"
)

// This file tells how calls to other services are bounded in time, and
// how they are retried: which values must set a timeout field, which
// calls send on a client with none, which libraries retry with backoff
// or break the circuit on their own.

// FieldRule says that a value of a type must set one of some fields,
// or it can wait forever: an http.Client without Timeout, an http.Server
// without ReadHeaderTimeout.
type FieldRule struct {
	// Type is the struct type, as TypeName spells it without the pointer.
	Type string
	// Any are the fields of which one set is enough.
	Any []string
	// Fix is the field a suggested fix sets, with FixValue; it is one of Any.
	Fix, FixValue string
}

// Set reports whether setting the field named name satisfies the rule.
func (r FieldRule) Set(name string) bool {
	for _, f := range r.Any {
		if f == name {
			return true
		}
	}
	return false
}

// Timeout rules: the values that wait on another side of a connection
// and the fields that bound the wait. A transport bounds a client only
// when it bounds both the dial and the wait for the response's headers.
var (
	ClientTimeout = FieldRule{Type: "net/http.Client", Any: []string{"Timeout"},
		Fix: "Timeout", FixValue: "10 * time.Second"}
	TransportResponseTimeout = FieldRule{Type: "net/http.Transport", Any: []string{"ResponseHeaderTimeout"}}
	// TransportDial names the transport's dial functions: a dialer with a
	// Timeout, or a dial function of the program's own, bounds the dial.
	TransportDial = FieldRule{Type: "net/http.Transport", Any: []string{"DialContext", "Dial", "DialTLSContext", "DialTLS"}}
	DialerTimeout = FieldRule{Type: "net.Dialer", Any: []string{"Timeout", "Deadline"}}
	ServerTimeout = FieldRule{Type: "net/http.Server", Any: []string{"ReadHeaderTimeout", "ReadTimeout"},
		Fix: "ReadHeaderTimeout", FixValue: "10 * time.Second"}
)

// ShortTimeout is the longest client Timeout that bounds a request well
// enough that its not being cancelled with its handler does not matter:
// an OAuth exchange with a 5 s timeout ends soon after its client left; a
// feed fetch of 20 s does not.
const ShortTimeout = 10 * time.Second

// TimeoutRules are every FieldRule above, for the check against the real API.
var TimeoutRules = []FieldRule{ClientTimeout, TransportResponseTimeout, TransportDial, DialerTimeout, ServerTimeout}

// DefaultClient is the client of net/http's package-level functions: it
// has no timeout.
const DefaultClient = "net/http.DefaultClient"

// DefaultTransport is the transport of a client that names none: its
// dialer has a Timeout, and it sets no ResponseHeaderTimeout.
const DefaultTransport = "net/http.DefaultTransport"

// TransportClones copy the transport they are called on, timeouts and
// all: a clone of http.DefaultTransport bounds no more than it does.
var TransportClones = map[string]bool{
	"(*net/http.Transport).Clone": true,
}

// DeadlineMiddleware put a deadline on the context of every request the
// router or handler they wrap serves (context.WithTimeout on
// r.Context()): a send under the request's context then ends with it.
// echo's Timeout() is not one: its default config sets no timeout.
var DeadlineMiddleware = map[string]bool{
	"net/http.TimeoutHandler":                                         true,
	"github.com/go-chi/chi/v5/middleware.Timeout":                     true,
	"github.com/labstack/echo/v4/middleware.ContextTimeout":           true,
	"github.com/labstack/echo/v4/middleware.ContextTimeoutWithConfig": true,
}

// DefaultClientSends are net/http's functions that send on DefaultClient.
var DefaultClientSends = map[string]bool{
	"net/http.Get":      true,
	"net/http.Head":     true,
	"net/http.Post":     true,
	"net/http.PostForm": true,
}

// ClientSends send a request on their receiver, an *http.Client.
var ClientSends = map[string]bool{
	"(*net/http.Client).Do":       true,
	"(*net/http.Client).Get":      true,
	"(*net/http.Client).Head":     true,
	"(*net/http.Client).Post":     true,
	"(*net/http.Client).PostForm": true,
}

// UntimedClients are constructors of third-party clients that set no
// timeout on the http.Client they build (resty.New: no Timeout, and a
// transport without ResponseHeaderTimeout); the value is the method that
// sets one on the client.
var UntimedClients = map[string]string{
	"github.com/go-resty/resty/v2.New":              "SetTimeout",
	"github.com/go-resty/resty/v2.NewWithLocalAddr": "SetTimeout",
}

// ClientTimeoutSetters set the timeout of the client they are called on.
var ClientTimeoutSetters = map[string]bool{
	"(*github.com/go-resty/resty/v2.Client).SetTimeout": true,
}

// BareServe describes one of net/http's functions that serve with a
// server of no timeouts: the indices of its arguments, -1 for none, and
// the http.Server method that does the same on a server value.
type BareServe struct {
	Addr, Listener, Handler int
	// Rest are the arguments the method takes, in its order: the
	// certificate and key files of the TLS variants.
	Rest   []int
	Method string
}

// BareServes are net/http's functions that serve on a server without
// timeouts.
var BareServes = map[string]BareServe{
	"net/http.ListenAndServe":    {Addr: 0, Listener: -1, Handler: 1, Method: "ListenAndServe"},
	"net/http.ListenAndServeTLS": {Addr: 0, Listener: -1, Handler: 3, Rest: []int{1, 2}, Method: "ListenAndServeTLS"},
	"net/http.Serve":             {Addr: -1, Listener: 0, Handler: 1, Method: "Serve"},
	"net/http.ServeTLS":          {Addr: -1, Listener: 0, Handler: 1, Rest: []int{2, 3}, Method: "ServeTLS"},
}

// ReadServer describes a server that is not net/http's: fasthttp's, and
// the frameworks built on it (fiber). It sets a read deadline on a
// connection only when its configuration sets one of Rule.Any: with none,
// a client that sends its request slowly holds the connection and a
// goroutine forever (Slowloris), as net/http's server without
// ReadHeaderTimeout is held. (fasthttp's IdleTimeout is no such field: it
// bounds only the wait between the requests of a kept-alive connection,
// not the first request's headers.)
type ReadServer struct {
	// Rule is the type that carries the configuration, the server itself
	// (fasthttp.Server) or what a constructor builds it from
	// (fiber.Config), and the fields that set the read deadline.
	Rule FieldRule
	// Makers build a server, of type Made, from a value of Rule.Type at
	// the argument index given (fiber.New(cfg)); one called without that
	// argument (fiber.New()) builds it from the zero value.
	Makers map[string]int
	Made   string
	// Serves are the methods that serve: of Rule.Type, or of Made.
	Serves map[string]bool
	// Bare are the functions that serve with a zero Rule.Type (given the
	// handler): fasthttp.ListenAndServe(addr, h).
	Bare map[string]bool
}

// ReadServers are the servers that set no read deadline unless told to.
// net/http's server (ServerTimeout, BareServes) is described above.
var ReadServers = []ReadServer{
	{
		Rule: FieldRule{Type: "github.com/valyala/fasthttp.Server", Any: []string{"ReadTimeout"},
			Fix: "ReadTimeout", FixValue: "10 * time.Second"},
		Serves: map[string]bool{
			"(*github.com/valyala/fasthttp.Server).ListenAndServe":         true,
			"(*github.com/valyala/fasthttp.Server).ListenAndServeTLS":      true,
			"(*github.com/valyala/fasthttp.Server).ListenAndServeTLSEmbed": true,
			"(*github.com/valyala/fasthttp.Server).ListenAndServeUNIX":     true,
			"(*github.com/valyala/fasthttp.Server).Serve":                  true,
			"(*github.com/valyala/fasthttp.Server).ServeTLS":               true,
			"(*github.com/valyala/fasthttp.Server).ServeTLSEmbed":          true,
			"(*github.com/valyala/fasthttp.Server).ServeConn":              true,
		},
		Bare: map[string]bool{
			"github.com/valyala/fasthttp.ListenAndServe":         true,
			"github.com/valyala/fasthttp.ListenAndServeTLS":      true,
			"github.com/valyala/fasthttp.ListenAndServeTLSEmbed": true,
			"github.com/valyala/fasthttp.ListenAndServeUNIX":     true,
			"github.com/valyala/fasthttp.Serve":                  true,
			"github.com/valyala/fasthttp.ServeTLS":               true,
			"github.com/valyala/fasthttp.ServeTLSEmbed":          true,
			"github.com/valyala/fasthttp.ServeConn":              true,
		},
	},
	{
		// fiber.New copies Config.ReadTimeout to its fasthttp.Server.
		Rule: FieldRule{Type: "github.com/gofiber/fiber/v2.Config", Any: []string{"ReadTimeout"},
			Fix: "ReadTimeout", FixValue: "10 * time.Second"},
		Makers: map[string]int{"github.com/gofiber/fiber/v2.New": 0},
		Made:   "github.com/gofiber/fiber/v2.App",
		Serves: map[string]bool{
			"(*github.com/gofiber/fiber/v2.App).Listen":                         true,
			"(*github.com/gofiber/fiber/v2.App).ListenTLS":                      true,
			"(*github.com/gofiber/fiber/v2.App).ListenTLSWithCertificate":       true,
			"(*github.com/gofiber/fiber/v2.App).ListenMutualTLS":                true,
			"(*github.com/gofiber/fiber/v2.App).ListenMutualTLSWithCertificate": true,
			"(*github.com/gofiber/fiber/v2.App).Listener":                       true,
		},
	},
	{
		Rule: FieldRule{Type: "github.com/gofiber/fiber/v3.Config", Any: []string{"ReadTimeout"},
			Fix: "ReadTimeout", FixValue: "10 * time.Second"},
		Makers: map[string]int{"github.com/gofiber/fiber/v3.New": 0},
		Made:   "github.com/gofiber/fiber/v3.App",
		Serves: map[string]bool{
			"(*github.com/gofiber/fiber/v3.App).Listen":   true,
			"(*github.com/gofiber/fiber/v3.App).Listener": true,
		},
	},
}

// An operator's diagnostics (profiles, metrics, expvars, traces) are
// served on a port of their own, which the operator opens, scrapes from
// inside the network, or turns on to debug: a server that serves only
// them is not the service's listener, and its header timeout is no
// crisis of the service's.

// DiagnosticHandlers are handlers that serve only an operator's
// diagnostics, or the functions that return one: net/http/pprof's handler
// functions and Handler(name), expvar.Handler, promhttp's metrics
// handlers, x/net/trace's pages. (Libraries testdata/realmod does not pin,
// whose names could not be checked, are left out: fgprof, statsviz,
// VictoriaMetrics' metrics.)
var DiagnosticHandlers = map[string]bool{
	"net/http/pprof.Index":   true,
	"net/http/pprof.Cmdline": true,
	"net/http/pprof.Profile": true,
	"net/http/pprof.Symbol":  true,
	"net/http/pprof.Trace":   true,
	"net/http/pprof.Handler": true,
	"expvar.Handler":         true,
	"github.com/prometheus/client_golang/prometheus/promhttp.Handler":                 true,
	"github.com/prometheus/client_golang/prometheus/promhttp.HandlerFor":              true,
	"github.com/prometheus/client_golang/prometheus/promhttp.HandlerForTransactional": true,
	"golang.org/x/net/trace.Traces":                                                   true,
	"golang.org/x/net/trace.Events":                                                   true,
}

// DiagnosticWrappers return a handler that serves what the handler of
// their argument at the index given does, instrumented: it serves
// diagnostics when that one does.
var DiagnosticWrappers = map[string]int{
	"github.com/prometheus/client_golang/prometheus/promhttp.InstrumentMetricHandler": 1,
	"net/http.StripPrefix":    1,
	"net/http.TimeoutHandler": 0,
}

// DiagnosticPackages register their diagnostics on http.DefaultServeMux
// when imported (net/http/pprof's /debug/pprof/, expvar's /debug/vars,
// x/net/trace's /debug/requests).
var DiagnosticPackages = map[string]bool{
	"net/http/pprof":         true,
	"expvar":                 true,
	"golang.org/x/net/trace": true,
}

// MuxRegisters register the handler of their argument Handler on a
// ServeMux: their receiver, or http.DefaultServeMux for net/http's
// functions.
var MuxRegisters = map[string]int{
	"net/http.Handle":                 1,
	"net/http.HandleFunc":             1,
	"(*net/http.ServeMux).Handle":     1,
	"(*net/http.ServeMux).HandleFunc": 1,
}

// ServeMuxMakers make an empty ServeMux.
var ServeMuxMakers = map[string]bool{
	"net/http.NewServeMux": true,
}

// ServeMuxType is net/http's router, whose routes the program registers.
const ServeMuxType = "net/http.ServeMux"

// DefaultServeMux is the router of net/http's package-level Handle and
// HandleFunc, served by a server given a nil handler.
const DefaultServeMux = "net/http.DefaultServeMux"

// PeerRules name, for a defect crisislint reports, the rules of other
// linters that report it at the same place (gosec, noctx, which teams run
// in golangci-lint beside it): a comment there that suppresses one of
// them (//nolint:gosec, // #nosec G114, //nolint:noctx) is the
// maintainer's decision on the finding too, already made.
var PeerRules = map[string][]string{
	"bare serve":             {"gosec:G114"},
	"server without timeout": {"gosec:G112"},
	"sql from strings":       {"gosec:G201", "gosec:G202", "gosec:G701"},
	"call without context":   {"noctx"},
}

// UntimedServes are the methods of libraries the tables describe (whose
// code crisislint does not read for facts) that serve on an http.Server
// with no timeouts, and how: gin's Run builds &http.Server{Addr, Handler}
// and serves it. A library the tables do not describe says so through
// its own code (httptimeout's facts).
var UntimedServes = map[string]string{
	"(*github.com/gin-gonic/gin.Engine).Run":         "&http.Server{Addr, Handler}",
	"(*github.com/gin-gonic/gin.Engine).RunTLS":      "&http.Server{Addr, Handler}",
	"(*github.com/gin-gonic/gin.Engine).RunUnix":     "&http.Server{Addr, Handler}",
	"(*github.com/gin-gonic/gin.Engine).RunFd":       "&http.Server{Addr, Handler}",
	"(*github.com/gin-gonic/gin.Engine).RunListener": "&http.Server{Addr, Handler}",
}

// FieldServes are the methods of libraries the tables describe that
// serve the *http.Server a field of their receiver holds, and the field:
// echo v4's New makes e.Server with new(http.Server), no timeouts, and
// Start serves it, unless the program sets e.Server.ReadHeaderTimeout
// before.
var FieldServes = map[string]string{
	"(*github.com/labstack/echo/v4.Echo).Start":          "Server",
	"(*github.com/labstack/echo/v4.Echo).StartH2CServer": "Server",
	"(*github.com/labstack/echo/v4.Echo).StartTLS":       "TLSServer",
	"(*github.com/labstack/echo/v4.Echo).StartAutoTLS":   "TLSServer",
}

// DeadlineContexts return a context whose deadline they set: a request
// made with one cannot wait forever.
var DeadlineContexts = map[string]bool{
	"context.WithTimeout":       true,
	"context.WithDeadline":      true,
	"context.WithTimeoutCause":  true,
	"context.WithDeadlineCause": true,
}

// StreamReads take the next record of a stream: a loop that calls one
// each iteration walks the stream, and a call it makes on what it read
// is not tried again on the same input. Read… methods of any io.Reader
// count too (see IsReader).
var StreamReads = map[string]bool{
	"io.ReadFull":                          true,
	"io.ReadAtLeast":                       true,
	"(*bufio.Scanner).Scan":                true,
	"(*encoding/json.Decoder).Decode":      true,
	"(*encoding/json.Decoder).Token":       true,
	"(*encoding/xml.Decoder).Decode":       true,
	"(*encoding/xml.Decoder).Token":        true,
	"(*encoding/csv.Reader).Read":          true,
	"(*encoding/gob.Decoder).Decode":       true,
	"(*archive/tar.Reader).Next":           true,
	"(*mime/multipart.Reader).NextPart":    true,
	"(*mime/multipart.Reader).NextRawPart": true,
}

// IsReader reports whether a type has io.Reader's method Read.
func IsReader(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Read")
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Signature()
	return sig.Params().Len() == 1 && sig.Results().Len() == 2 &&
		types.Identical(sig.Params().At(0).Type(), types.NewSlice(types.Typ[types.Byte]))
}

// Pacers wait before the next attempt of a retry, or tell how long to
// wait: sleeping, timers, rate limiters, backoff policies.
var Pacers = map[string]bool{
	"time.Sleep":                             true,
	"time.After":                             true,
	"time.NewTimer":                          true,
	"time.Tick":                              true,
	"time.NewTicker":                         true,
	"(*time.Timer).Reset":                    true,
	"(*time.Ticker).Reset":                   true,
	"(*golang.org/x/time/rate.Limiter).Wait": true,
	"(github.com/cenkalti/backoff/v4.BackOff).NextBackOff":             true,
	"(*github.com/cenkalti/backoff/v4.ExponentialBackOff).NextBackOff": true,
	"(github.com/cenkalti/backoff/v5.BackOff).NextBackOff":             true,
	"(*github.com/cenkalti/backoff/v5.ExponentialBackOff).NextBackOff": true,
}

// Retriers retry the operation they are given, with backoff and a bound
// of their own: a retry written with one is not a retry storm, and a loop
// around one is not a tight retry of its own.
var Retriers = map[string]bool{
	"github.com/cenkalti/backoff/v4.Retry":                                  true,
	"github.com/cenkalti/backoff/v4.RetryNotify":                            true,
	"github.com/cenkalti/backoff/v4.RetryWithData":                          true,
	"github.com/cenkalti/backoff/v4.RetryNotifyWithData":                    true,
	"github.com/cenkalti/backoff/v5.Retry":                                  true,
	"github.com/avast/retry-go/v4.Do":                                       true,
	"github.com/avast/retry-go/v4.DoWithData":                               true,
	"(*github.com/hashicorp/go-retryablehttp.Client).Do":                    true,
	"(*github.com/hashicorp/go-retryablehttp.Client).Get":                   true,
	"(*github.com/hashicorp/go-retryablehttp.Client).Head":                  true,
	"(*github.com/hashicorp/go-retryablehttp.Client).Post":                  true,
	"(*github.com/hashicorp/go-retryablehttp.Client).PostForm":              true,
	"github.com/hashicorp/go-retryablehttp.Get":                             true,
	"github.com/hashicorp/go-retryablehttp.Head":                            true,
	"github.com/hashicorp/go-retryablehttp.Post":                            true,
	"github.com/hashicorp/go-retryablehttp.PostForm":                        true,
	"(github.com/failsafe-go/failsafe-go.Executor[R any]).Run":              true,
	"(github.com/failsafe-go/failsafe-go.Executor[R any]).Get":              true,
	"(github.com/failsafe-go/failsafe-go.Executor[R any]).RunWithExecution": true,
	"(github.com/failsafe-go/failsafe-go.Executor[R any]).GetWithExecution": true,
}

// Breakers run the function they are given behind a circuit breaker:
// while the service is down, calls fail at once instead of reaching it.
// TwoStep's Allow guards the calls that follow it.
var Breakers = map[string]bool{
	"(*github.com/sony/gobreaker.CircuitBreaker).Execute":            true,
	"(*github.com/sony/gobreaker.TwoStepCircuitBreaker).Allow":       true,
	"(*github.com/sony/gobreaker/v2.CircuitBreaker[T]).Execute":      true,
	"(*github.com/sony/gobreaker/v2.TwoStepCircuitBreaker[T]).Allow": true,
	"github.com/afex/hystrix-go/hystrix.Do":                          true,
	"github.com/afex/hystrix-go/hystrix.DoC":                         true,
	"github.com/afex/hystrix-go/hystrix.Go":                          true,
	"github.com/afex/hystrix-go/hystrix.GoC":                         true,
}

// ConflictWords name, in an error's variable, type or test, a conflict
// with the state of the data: a unique violation, a version that moved, a
// serialization failure. The service that reported it is up: retrying on
// it alone is not hammering a service that is down.
var ConflictWords = []string{
	"conflict", "unique", "duplicate", "exist", "serializ", "deadlock",
	"version", "collision", "concurren", "optimistic", "stale", "taken", "retrytransaction",
}

// ConflictCodes are the error codes a database answers a conflict with,
// as a constant compared with an error's code (pgErr.Code == "40001",
// pgerrcode.SerializationFailure, me.Number == 1213): the database is up,
// and the transaction lost a race with another one.
var ConflictCodes = map[string]string{
	`"40001"`: "serialization failure (SQLSTATE)",
	`"40P01"`: "deadlock detected (PostgreSQL)",
	`"23505"`: "unique violation (SQLSTATE)",
	"1213":    "ER_LOCK_DEADLOCK (MySQL)",
	"1062":    "ER_DUP_ENTRY (MySQL)",
}

// TimeoutWords name, in an error's name or test, a failure that took its
// time: a timeout or a deadline that passed. A loop that goes straight
// back to a call after one has waited as long.
var TimeoutWords = []string{"timeout", "deadline"}

// ResponseStatus are the responses of other services, by type, and the
// field or method (taking nothing) that gives the status code the service
// answered with: a loop that goes round again on an overload status is
// retrying a service that said it is down or overloaded.
var ResponseStatus = map[string]string{
	"net/http.Response":                     "StatusCode",
	"github.com/go-resty/resty/v2.Response": "StatusCode",
}

// OverloadStatuses are the HTTP status codes a service that is overloaded
// or down answers with (429 Too Many Requests, 500, 502, 503, 504): a
// status, unlike a conflict (409, 412), that says to come back later, not
// at once.
var OverloadStatuses = []int64{429, 500, 502, 503, 504}

// TransientWords name, in an error's variable or test, a failure of the
// service or of the way to it (a timeout, a refused or reset connection,
// an overload): retrying on one of those is retrying on a service that
// is down.
var TransientWords = []string{
	"timeout", "temporar", "unavailable", "deadline", "refused", "reset", "conn", "network",
	"retry", "retriable", "retryable", "busy", "overload", "throttl", "ratelimit", "toomany", "eof", "closed",
}
