// Package httptimeout defines an Analyzer that reports outbound HTTP
// calls and inbound HTTP servers that can wait forever.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain httptimeout prints it.
package httptimeout

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is httptimeout's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "httptimeout",
	Crisis: "calls to a dead service pile up forever",
	RawDocumentation: lint.RawDocumentation{
		Title: "HTTP clients and servers with no timeout",
		Text: `A service that accepts the connection and never answers holds every call
made to it, and every request of ours that made one, until goroutines,
connections and memory run out; a server without a header timeout is
held open the same way by clients that send their headers slowly
(Slowloris).

httptimeout reports, outside test code:

  - http.Get, Head, Post and PostForm, which send on http.DefaultClient,
    a client with no timeout;
  - sends (Do, Get, Head, Post, PostForm) on http.DefaultClient, also
    when it reaches the send through a variable, a field or a helper of
    the program, in this package or another (through analysis facts),
    or through a getter that falls back to it when a field the package
    never sets is nil (if a.HTTPClient != nil { return a.HTTPClient };
    return http.DefaultClient); such a send is reported where it is made, since only there can a
    deadline on the request's context be seen, unless the request's
    context is a parameter of the function that sends (jwk.Fetch(ctx,
    url)): the deadline is then its callers' to set, as Go's APIs
    leave it, and the send is reported at the calls that give it a
    context without one, in this package or another (through analysis
    facts), with the chain; a context kept in a field that only setters
    give, from a context parameter of theirs (p.ctx = ctx in
    SetContext), is their callers' likewise, and one that a literal
    also sets to context.Background() until a setter is called
    (pocketbase's OAuth2 providers) is left alone when the setters are
    called and every call of them in the program (through analysis
    facts; calls through an interface another package declares are not
    seen) gives a context with a deadline;
  - an http.Client literal without Timeout (or a zero one: var c
    http.Client, new(http.Client), given no value later) whose Transport does not
    bound both the dial (a net.Dialer with a Timeout) and the wait for
    the response headers (ResponseHeaderTimeout), when the client is
    used to send: kept in a variable or field that something sends on,
    returned (a constructor: reported at the literal, once for all its
    callers), or handed to a call; a call of another module's function
    that returns such a client, as its code says (through analysis
    facts: go-cleanhttp's DefaultClient and DefaultPooledClient), when
    the program sends with it or hands it on without setting a Timeout
    on what holds it; and resty.New(), whose client has no timeout
    unless SetTimeout is called on it;
  - http.ListenAndServe, ListenAndServeTLS, Serve and ServeTLS, which
    serve with a server of no timeouts, and http.Server literals
    without ReadHeaderTimeout or ReadTimeout, or zero servers (var srv
    http.Server, new(http.Server), given no value later) that the
    package serves or hands on without setting one of them on what
    holds them; a field of type http.Server of a struct of the package,
    set field by field and never a timeout, is reported where it is
    served (a.srv.ListenAndServe());
  - a call of another module's function that serves with no timeouts:
    gin's Engine.Run (and RunTLS, RunUnix, RunFd, RunListener), or a
    library's Start that calls http.ListenAndServe or builds and serves
    an http.Server without timeouts, as its code says (through analysis
    facts): reported at the call, where the program chose it, with the
    chain;
  - echo v4's Start, StartTLS, StartAutoTLS and StartH2CServer, which
    serve e.Server (or e.TLSServer), made by echo.New with no timeouts,
    unless the package sets that server's ReadHeaderTimeout or
    ReadTimeout, replaces it, or hands it to code that may;
  - servers that are not net/http's and set no read deadline unless
    ReadTimeout is set (fasthttp reads a connection with no deadline
    otherwise; its IdleTimeout bounds only the wait between the requests
    of a kept-alive connection, not the first request's headers), when
    the program serves them: fasthttp.ListenAndServe, ListenAndServeTLS,
    ListenAndServeTLSEmbed, ListenAndServeUNIX, Serve, ServeTLS,
    ServeTLSEmbed and ServeConn, at the call; a fasthttp.Server literal
    without ReadTimeout (or new(fasthttp.Server), or a zero one) that the
    package serves (ListenAndServe, Serve, ...), at the literal; fiber's
    (v2 and v3) fiber.New() given no Config, at the call, or given a
    fiber.Config literal without ReadTimeout, at the literal, when the
    package serves the app (Listen, ListenTLS, Listener, ...). The
    server is followed from the call that serves it back through the
    package's variables, fields and functions (a constructor that returns
    fiber.New(), a helper that returns the Config), and through another
    package's functions by analysis facts: then reported at the call that
    serves it, with the chain. A function that serves one is reported at
    its callers in other modules, as gin's Run is.

It does not report clients with a Timeout (in the literal, or set on
the variable or field that holds it), sends whose request carries a
context with a deadline set in the same function
(context.WithTimeout, context.WithDeadline), clients from constructors
that bound their calls (go-retryablehttp, resty with SetTimeout, a
client-builder of the program that sets a Timeout), clients whose
Transport is built elsewhere (a transport is followed through the
functions of the package that return it, and those of a dependency
through analysis facts; a Clone bounds what the transport it copies
does, and so http.DefaultTransport.(*http.Transport).Clone() bounds the
dial but not the wait for the response headers unless the program sets
ResponseHeaderTimeout on the clone; a RoundTripper literal that wraps another,
as oauth2.Transport and tracing or auth wrappers do, is judged by the
transport it wraps when the literal gives it: wrapping
http.DefaultTransport bounds nothing; one with a time.Duration field of
its own is trusted), servers whose ReadHeaderTimeout or
ReadTimeout is set after the literal (or the zero server) or by the function the literal (or
the variable or field that holds it) is handed to (learned from its code, in this package or a dependency:
ory/graceful's WithDefaults), servers on a constant loopback
address (a pprof server on localhost:6060, fiber's app.Listen("127.0.0.1:3000")), which no outside client
can reach, a fasthttp server or fiber app whose ReadTimeout is set (in
the literal, after it: cfg.ReadTimeout = d, or on the fasthttp server
the app serves: app.Server().ReadTimeout = d, or by a helper whose
code sets it; an app whose fasthttp server the package hands on, to
code that may set it, is left alone too), one built from a configuration this analysis cannot see
(a parameter, another package's function that says nothing), one the
package builds and never serves (an app a test drives), or servers that serve only an operator's diagnostics (an
operator's port, not the service's listener): a handler that is one
(promhttp.Handler(), expvar.Handler(), pprof.Handler("heap"), or a
wrapper of one), a ServeMux made in the package, not exported nor
handed on, whose every registration is one (pprof.Index, Cmdline,
Profile, Symbol, Trace, promhttp's handlers), or http.DefaultServeMux
(a nil handler) in a package that imports net/http/pprof or expvar when
no package of the program registers a route of its own on it (for a
command, its imports; for another package, the packages the engine
analyzes, through analysis facts: a driver without the engine's second
round sees only its imports). A timeout written as a constant zero (Timeout: 0,
srv.ReadHeaderTimeout = 0) is none, as net/http reads it; and a client
built without one in the branch where a configured timeout is zero,
when the other branch sets it from that setting (if cfg.RelayTimeout ==
0 { … } else { Timeout: … cfg.RelayTimeout … }), is the operator's
setting, as a literal with a configured Timeout is.

A send under the context of the request being served (r.Context(),
c.Request.Context(), a framework's request context) waits as long as the
client does, not forever: it is reported as a warning that says so, and
without the Timeout fix, since a Timeout also cuts a response streamed
back to the client (a relay of server-sent events); bounding the wait
for the response headers is the remedy it names. It is not reported
when a deadline middleware (http.TimeoutHandler, chi's
middleware.Timeout, echo's ContextTimeout) is put in front of what the
package serves: the request's context then has a deadline. The
middleware is taken to cover every route of the package that applies
it, and of the packages of the module it imports, directly or not (the
router built in package server, or in main, for the handlers of the
packages it imports), as the whole program's facts tell (through
analysis facts and the engine's second round, which runs only when a
package of the program applies one; a driver without it sees only the
package's own). A server of the module that does not import the
handlers' package, or that applies no such middleware, covers nothing,
nor does a library's.

Severity: an outbound call a handler waits for (on the request path of
the package, outside a goroutine) is an error, since every request
hangs with the service it calls; a client literal is an error when a
send on it in the package is such a call. Other outbound calls and
servers without header timeouts are warnings.`,
		Before: `
var client = &http.Client{}

func fetch(u string) (*http.Response, error) { return client.Get(u) }

http.ListenAndServe(":8080", mux)
`,
		After: `
var client = &http.Client{Timeout: 10 * time.Second}

func fetch(u string) (*http.Response, error) { return client.Get(u) }

srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
srv.ListenAndServe()
`,
		Severity: lint.SeverityWarning,
	},
	Fixes: true,
	Remedy: `The suggested fixes add ReadHeaderTimeout: 10 * time.Second to a
server literal (adding the time import), rewrite http.ListenAndServe(addr,
h) (and its kin) to a server literal with that timeout, and set a client
Timeout of 10 seconds where it is right at run time: in a client literal
that goes nowhere else and whose every send in the package reads its
response whole, on the client of an http.Get (or a send on
http.DefaultClient) whose response is read whole there (decoded, read
with io.ReadAll, or only closed), and with SetTimeout on resty.New(). A
Timeout bounds reading the body too, and would cut a response that is
copied on, streamed, or handed to a caller: there the finding has no
fix. Ten seconds is a start: tune it to what the service you call
promises. A fasthttp server or fiber app has no fix: its ReadTimeout
bounds reading the whole request, body included (fasthttp has no
header-only timeout), so its value depends on the largest upload the
service accepts, the program's to choose; the message names the field
and a value to start from.`,
})
