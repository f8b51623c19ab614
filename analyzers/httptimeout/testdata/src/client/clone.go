package client

import (
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// A clone of http.DefaultTransport (the way to set TLS or a proxy since
// Go 1.13) copies its timeouts: a dialer with a Timeout, and no
// ResponseHeaderTimeout.
type tlsAPI struct{ hc *http.Client }

func newTLSAPI(insecure bool) *tlsAPI {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{InsecureSkipVerify: insecure}
	return &tlsAPI{hc: &http.Client{Transport: t}} // want `http.Client built without a Timeout, and its Transport does not bound both the dial and the wait for the response headers`
}

func (a *tlsAPI) health(u string) error {
	resp, err := a.hc.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The clone in the literal itself.
var cloned = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()} // want `http.Client built without a Timeout`

func callCloned(u string) { cloned.Get(u) }

// OK: the clone's dialer has a Timeout, and the program bounds the wait
// for the headers on it.
func newHeaderBound() *tlsAPI {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = 10 * time.Second
	return &tlsAPI{hc: &http.Client{Transport: t}}
}

// OK: a Timeout on the client bounds it all.
func newClientBound() *tlsAPI {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 100
	return &tlsAPI{hc: &http.Client{Transport: t, Timeout: 30 * time.Second}}
}

// A ResponseHeaderTimeout of zero is none.
func newZeroHeader() *tlsAPI {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = 0
	return &tlsAPI{hc: &http.Client{Transport: t}} // want `http.Client built without a Timeout`
}

// OK: a clone of a transport that bounds both bounds both.
var boundedBase = &http.Transport{
	DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	ResponseHeaderTimeout: 10 * time.Second,
}

var clonedBounded = &http.Client{Transport: boundedBase.Clone()}

func callClonedBounded(u string) { clonedBounded.Get(u) }

// A clone of one that bounds the headers only does not bound the dial.
var headersBase = &http.Transport{ResponseHeaderTimeout: 10 * time.Second}

var clonedHeaders = &http.Client{Transport: headersBase.Clone()} // want `http.Client built without a Timeout`

func callClonedHeaders(u string) { clonedHeaders.Get(u) }

// OK: the clone of a transport the program is given: built where this
// analysis cannot see.
func newGiven(base *http.Transport) *http.Client {
	return &http.Client{Transport: base.Clone()}
}

// A function of the package that builds the transport is read.
func pooledTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 100
	return t
}

var pooled = &http.Client{Transport: pooledTransport()} // want `http.Client built without a Timeout`

func callPooled(u string) { pooled.Get(u) }

// OK: one that sets the header timeout on what it builds.
func boundedTransportFunc() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.ResponseHeaderTimeout = 15 * time.Second
	return t
}

var pooledBounded = &http.Client{Transport: boundedTransportFunc()}

func callPooledBounded(u string) { pooledBounded.Get(u) }

// OK: the header timeout set on what the function gave.
func laterHeader(u string) {
	t := pooledTransport()
	t.ResponseHeaderTimeout = 5 * time.Second
	(&http.Client{Transport: t}).Get(u)
}
