// Package client sends HTTP requests in every way httptimeout knows. // want package:"wants a router's deadline"
package client

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

func fetch(u string) (*http.Response, error) {
	return http.Get(u) // want `^http.Get sends on http.DefaultClient, which has no timeout: when the service does not answer, the call waits forever; use a client with a Timeout$`
}

func notify(u string, form url.Values) {
	http.PostForm(u, form) // want `http.PostForm sends on http.DefaultClient`
}

// A handler waits for what it calls: the finding is an error, and says so.
func Proxy(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Head("http://backend/" + r.URL.Path) // want `http.Head sends on http.DefaultClient, which has no timeout: when the service does not answer, the call waits forever, and so does the request that made it`
	if err != nil {
		return
	}
	resp.Body.Close()
	lookup(r.URL.Query().Get("q"))
}

func lookup(q string) {
	req, _ := http.NewRequest("GET", "http://search/?q="+q, nil)
	http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends on http.DefaultClient, which has no timeout: when the service does not answer, the call waits forever, and so does the request that made it`
}

// A deadline set here bounds the send.
func lookupWithDeadline(ctx context.Context, q string) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://search/?q="+q, nil)
	http.DefaultClient.Do(req) // OK: the request's context has a deadline
}

func lookupWithDerivedDeadline(ctx context.Context, q string) {
	ctx, cancel := context.WithDeadline(ctx, time.Now().Add(time.Second))
	defer cancel()
	ctx = context.WithValue(ctx, key{}, q)
	req, _ := http.NewRequest("GET", "http://search/?q="+q, nil)
	http.DefaultClient.Do(req.WithContext(ctx)) // OK: derived from a context with a deadline
}

type key struct{}

// A context from the caller leaves the deadline to the caller, as Go's
// APIs do: the send is reported at the callers that give a context
// without one.
func lookupWithCallerContext(ctx context.Context, q string) { // want lookupWithCallerContext:"sends on http.DefaultClient with the context of parameter 0: http.DefaultClient.Do"
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://search/?q="+q, nil)
	http.DefaultClient.Do(req) // OK: reported at the callers
}

// LookupCtx is called from package caller.
func LookupCtx(ctx context.Context, q string) error { // want LookupCtx:"sends on http.DefaultClient with the context of parameter 0: http.DefaultClient.Do"
	ctx = context.WithValue(ctx, key{}, q) // a value, no deadline: still the caller's
	req, err := http.NewRequest("GET", "http://search/?q="+q, nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req.WithContext(ctx)) // OK: reported at the callers
	return err
}

func searchAll(ctx context.Context, qs []string) { // want searchAll:"sends on http.DefaultClient with the context of parameter 0: lookupWithCallerContext → http.DefaultClient.Do"
	for _, q := range qs {
		lookupWithCallerContext(ctx, q) // OK: hands its own context on
	}
}

func Search(w http.ResponseWriter, r *http.Request) {
	searchAll(r.Context(), r.URL.Query()["q"]) // want `^searchAll sends on http.DefaultClient, which has no timeout, with the context it is given \(lookupWithCallerContext → http.DefaultClient.Do\), the request's being served: when the service does not answer, the call waits as long as the client does, and a client that never gives up holds it forever; give it a context with a deadline \(context.WithTimeout\)$`
}

func searchBounded(qs []string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	searchAll(ctx, qs)                                   // OK: a deadline
	lookupWithCallerContext(context.Background(), qs[0]) // want `^lookupWithCallerContext sends on http.DefaultClient, which has no timeout, with the context it is given \(http.DefaultClient.Do\), and this one has no deadline: when the service does not answer, the call waits until the context is cancelled, if ever; give`
}

// A context a function literal is given is not its declaration's caller's.
func inClosure() {
	run := func(ctx context.Context) {
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://search/", nil)
		http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends on http.DefaultClient`
	}
	run(context.Background())
}

// A relay under the context of the request it serves ends when its
// client leaves; it may stream the response back, which a client Timeout
// would cut: no fix.
func Relay(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), "GET", "http://upstream/stream", nil)
	resp, err := http.DefaultClient.Do(req) // want `^http.DefaultClient.Do sends on http.DefaultClient, which has no timeout, under the context of the request being served: when the service does not answer, the call waits as long as the client does`
	if err == nil {
		resp.Body.Close()
	}
}

// A context kept in a field that only a setter gives a value, from its
// own parameter, is its setter's caller's: a deadline may be there.
type provider struct {
	ctx context.Context
	url string
}

func (p *provider) SetContext(ctx context.Context) { p.ctx = ctx }

func (p *provider) fetch() {
	req, _ := http.NewRequestWithContext(p.ctx, "GET", p.url, nil)
	http.DefaultClient.Do(req) // OK: the setter's caller's context
}

// One the package sets to context.Background() has no deadline.
type poller struct {
	ctx context.Context
	url string
}

func newPoller(ctx context.Context, u string) *poller {
	if ctx == nil {
		return &poller{ctx: context.Background(), url: u}
	}
	return &poller{ctx: ctx, url: u}
}

func (p *poller) poll() {
	req, _ := http.NewRequestWithContext(p.ctx, "GET", p.url, nil)
	http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends on http.DefaultClient`
}

var shared = http.DefaultClient

func viaVariable(req *http.Request) {
	shared.Do(req) // want `shared.Do sends on http.DefaultClient \(through shared\)`
}

// Default hands out DefaultClient: a send on what it returns, here or in
// another package, is reported at the send.
func Default() *http.Client { // want Default:"gives http.DefaultClient"
	return http.DefaultClient
}

// Shared is DefaultClient too, for other packages.
var Shared = http.DefaultClient // want Shared:"gives http.DefaultClient"

func viaHelper(u string) {
	Default().Get(u) // want `Default\(\).Get sends on http.DefaultClient \(through Default\(\)\)`
	Default().Head(u)
}

// A client literal with no timeout, kept in a variable and sent on.
var apiClient = &http.Client{} // want `^http.Client built without a Timeout, and its Transport does not bound both the dial and the wait for the response headers: a call to a service that does not answer waits forever; set Timeout, or give every request a context with a deadline$`

func callAPI(u string) { apiClient.Get(u) }

var timedClient = &http.Client{Timeout: 5 * time.Second} // OK

func callTimed(u string) { timedClient.Get(u) }

// A transport that bounds both the dial and the response headers bounds
// the client.
var boundedTransport = &http.Client{ // OK
	Transport: &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		ResponseHeaderTimeout: 10 * time.Second,
	},
}

func callBounded(u string) { boundedTransport.Get(u) }

// Without a dial timeout, a black-holed address still holds the call.
var headersOnly = &http.Client{ // want `http.Client built without a Timeout`
	Transport: &http.Transport{ResponseHeaderTimeout: 10 * time.Second},
}

func callHeadersOnly(u string) { headersOnly.Get(u) }

var dialer = &net.Dialer{Timeout: 3 * time.Second}

var transport = &http.Transport{
	DialContext:           dialer.DialContext,
	ResponseHeaderTimeout: 10 * time.Second,
}

var viaTransportVar = &http.Client{Transport: transport} // OK: both bounded, through variables

func callViaTransportVar(u string) { viaTransportVar.Get(u) }

// A function of the package that gives the transport is read: one that
// gives http.DefaultTransport does not bound the response headers.
var wrapped = &http.Client{Transport: newTransport()} // want `http.Client built without a Timeout`

func newTransport() http.RoundTripper { return http.DefaultTransport }

func callWrapped(u string) { wrapped.Get(u) }

// A timeout set after the literal counts.
func laterTimeout(u string) {
	c := &http.Client{}
	c.Timeout = 3 * time.Second
	c.Get(u)
}

// Every send with a deadline: the client is bounded where it is used.
func localWithDeadline(ctx context.Context, u string) error {
	c := &http.Client{} // OK
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

func localWithout(u string) {
	c := &http.Client{CheckRedirect: nil} // want `http.Client built without a Timeout`
	c.Get(u)
}

// NewClient is a constructor: its literal is reported once, for every
// caller, here or in another package.
func NewClient() *http.Client { // want NewClient:"returns an http.Client with no timeout"
	return &http.Client{ // want `http.Client built without a Timeout`
		Transport: http.DefaultTransport,
	}
}

// A client kept in a field a handler sends on.
type API struct {
	hc  *http.Client
	raw *http.Client
}

func NewAPI() *API {
	return &API{
		hc:  &http.Client{}, // want `http.Client built without a Timeout.*and so does the request that made it \(a handler of this package sends with it\)`
		raw: &http.Client{}, // OK: every send on it has a deadline
	}
}

func (a *API) Search(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), "GET", "http://search/", nil)
	a.hc.Do(req)
	ctx, cancel := context.WithTimeout(r.Context(), time.Second)
	defer cancel()
	a.raw.Do(req.WithContext(ctx))
}

// Handed to a library: it sends with it.
func handOn() {
	register(&http.Client{}) // want `http.Client built without a Timeout`
}

func register(*http.Client) {}

func unused() {
	_ = &http.Client{} // OK: nothing sends with it
}

// Timeout: 0 is the zero value written out: no timeout.
var zeroClient = &http.Client{Timeout: 0} // want `http.Client built without a Timeout`

func callZero(u string) { zeroClient.Get(u) }

// A dialer whose timeout is zero does not bound the dial.
var zeroDial = &http.Client{ // want `http.Client built without a Timeout`
	Transport: &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 0}).DialContext,
		ResponseHeaderTimeout: 10 * time.Second,
	},
}

func callZeroDial(u string) { zeroDial.Get(u) }

type relayConfig struct{ Timeout int }

var relayClient *http.Client

// Zero means none, where the operator sets the timeout: the same as
// Timeout: time.Duration(cfg.Timeout) * time.Second in one literal.
func initRelay(cfg relayConfig) {
	if cfg.Timeout == 0 {
		relayClient = &http.Client{} // OK: the operator's setting
	} else {
		relayClient = &http.Client{Timeout: time.Duration(cfg.Timeout) * time.Second}
	}
}

var userClient *http.Client

// A timeout set only when a proxy is: the other branch has none.
func initUser(proxy string, cfg relayConfig) {
	if proxy == "" {
		userClient = &http.Client{} // want `http.Client built without a Timeout`
	} else {
		userClient = &http.Client{Timeout: time.Duration(cfg.Timeout) * time.Second}
	}
}

func relay(req *http.Request) { relayClient.Do(req); userClient.Do(req) }

// A Timeout bounds reading the body too: right for a response read whole
// here, wrong for one copied on or handed to the caller, which may stream
// it or download a large file. Only the first gets the fix.
func fetchJSON(u string, v any) error {
	resp, err := http.Get(u) // want `http.Get sends on http.DefaultClient`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func download(u string, w io.Writer) error {
	resp, err := http.Get(u) // want `http.Get sends on http.DefaultClient`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(w, resp.Body)
	return err
}

// A client that downloads to a writer gets no Timeout fix: it would cut a
// large file.
var fileClient = &http.Client{} // want `http.Client built without a Timeout`

func fetchFile(u string, w io.Writer) error {
	resp, err := fileClient.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(w, resp.Body)
	return err
}
