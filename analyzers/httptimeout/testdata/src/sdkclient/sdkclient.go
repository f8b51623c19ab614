// Package sdkclient is an SDK whose clients are configured by its users.
package sdkclient

import (
	"net"
	"net/http"
	"time"
)

// API falls back to http.DefaultClient when its user configures none.
type API struct {
	HTTPClient *http.Client
	BaseURL    string
}

func (a *API) client() *http.Client { // want client:"gives http.DefaultClient"
	if a.HTTPClient != nil {
		return a.HTTPClient
	}
	return http.DefaultClient
}

func (a *API) Ping() error {
	resp, err := a.client().Get(a.BaseURL + "/ping") // want `a.client\(\).Get sends on http.DefaultClient \(through a.client\(\)\), which has no timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// OK: the fallback has a timeout.
type Timed struct {
	HTTPClient *http.Client
}

var fallback = &http.Client{Timeout: 10 * time.Second}

func (t *Timed) client() *http.Client {
	if t.HTTPClient != nil {
		return t.HTTPClient
	}
	return fallback
}

func (t *Timed) Ping(u string) error {
	resp, err := t.client().Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// OK: the package sets the field itself, with a timeout, in its
// constructor: DefaultClient is the zero value's fallback only.
type Configured struct {
	HTTPClient *http.Client
}

func NewConfigured() *Configured {
	return &Configured{HTTPClient: &http.Client{Timeout: 10 * time.Second}}
}

func (c *Configured) client() *http.Client {
	if c.HTTPClient != nil {
		return c.HTTPClient
	}
	return http.DefaultClient
}

func (c *Configured) Ping(u string) error {
	resp, err := c.client().Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// OK: the field alone is what its user configured.
type Plain struct {
	HTTPClient *http.Client
}

func (p *Plain) Ping(u string) error {
	resp, err := p.HTTPClient.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// authTransport adds a header and hands the request to the transport it
// wraps: it bounds nothing itself.
type authTransport struct {
	token string
	base  http.RoundTripper
}

func (t *authTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+t.token)
	return t.base.RoundTrip(r)
}

func NewAuthClient(token string) *http.Client { // want NewAuthClient:"returns an http.Client with no timeout"
	return &http.Client{Transport: &authTransport{token: token, base: http.DefaultTransport}} // want `http.Client built without a Timeout, and its Transport does not bound both the dial and the wait for the response headers`
}

func NewAuthClientOver(token string) *http.Client { // want NewAuthClientOver:"returns an http.Client with no timeout"
	return &http.Client{Transport: &authTransport{token: token, base: &http.Transport{}}} // want `http.Client built without a Timeout`
}

// OK: the wrapped transport bounds the dial and the response headers.
func NewAuthClientTimed(token string) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	return &http.Client{Transport: &authTransport{token: token, base: &http.Transport{ResponseHeaderTimeout: 10 * time.Second, DialContext: dialer.DialContext}}}
}

// OK: the wrapped transport is its caller's.
func NewAuthClientWith(token string, base http.RoundTripper) *http.Client {
	return &http.Client{Transport: &authTransport{token: token, base: base}}
}

// OK: the wrapper's base is not in the literal.
func NewAuthClientBare(token string) *http.Client {
	return &http.Client{Transport: &authTransport{token: token}}
}

// deadlineTransport sets a deadline of its own on each request.
type deadlineTransport struct {
	base    http.RoundTripper
	timeout time.Duration
}

func (t *deadlineTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return t.base.RoundTrip(r)
}

// OK: the wrapper has a timeout of its own.
func NewDeadlineClient() *http.Client {
	return &http.Client{Transport: &deadlineTransport{base: http.DefaultTransport, timeout: 5 * time.Second}}
}

// Zero clients: an empty literal by another name.
var plain http.Client // want `the zero http.Client has no Timeout`

func PlainGet(u string) error {
	resp, err := plain.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

var newed = new(http.Client) // want `the zero http.Client has no Timeout`

func Newed(u string) error {
	resp, err := newed.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func Local(u string) error {
	var c http.Client // want `the zero http.Client has no Timeout`
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// OK: a Timeout is set on it before use; it is given a value later; it
// sends nothing.
var timedZero http.Client

func init() { timedZero.Timeout = 10 * time.Second }

func TimedZero(u string) error {
	resp, err := timedZero.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func Assigned(u string) error {
	var c http.Client
	c = http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func NewedTimed(u string) error {
	c := new(http.Client)
	c.Timeout = 10 * time.Second
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

var unused http.Client

// A constant that repeats the one before it has neither type nor value.
type level int

const (
	low level = iota
	high
)
