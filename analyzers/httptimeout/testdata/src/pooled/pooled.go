// Package pooled builds its clients with go-cleanhttp, whose code says // want package:"imports github.com/hashicorp/go-cleanhttp"
// they have no timeout.
package pooled

import (
	"context"
	"net/http"
	"time"

	cleanhttp "github.com/hashicorp/go-cleanhttp"
)

type fetcher struct{ hc *http.Client }

func newFetcher() *fetcher {
	return &fetcher{hc: cleanhttp.DefaultPooledClient()} // want `^cleanhttp.DefaultPooledClient returns an http.Client with no Timeout, whose Transport does not bound both the dial and the wait for the response headers: a call to a service that does not answer waits forever; set Timeout on it, or give every request a context with a deadline$`
}

func (f *fetcher) get(u string) (*http.Response, error) { return f.hc.Get(u) }

// A handler waits for it: an error, that says so.
func Proxy(w http.ResponseWriter, r *http.Request) {
	hc := cleanhttp.DefaultClient() // want `cleanhttp.DefaultClient returns an http.Client with no Timeout.*and so does the request that made it`
	resp, err := hc.Get("http://backend/")
	if err != nil {
		return
	}
	resp.Body.Close()
}

// Returned: its callers send with it.
func NewClient() *http.Client { // want NewClient:"returns an http.Client with no timeout"
	return cleanhttp.DefaultPooledClient() // want `cleanhttp.DefaultPooledClient returns an http.Client with no Timeout`
}

// OK: the fix HashiCorp's code writes.
func newTimed() *fetcher {
	hc := cleanhttp.DefaultPooledClient()
	hc.Timeout = 15 * time.Second
	return &fetcher{hc: hc}
}

// OK: a constructor that sets the Timeout.
func newFromTimed() *fetcher { return &fetcher{hc: cleanhttp.TimedClient()} }

// OK: nothing sends with it.
func unused() {
	_ = cleanhttp.DefaultPooledClient()
}

// OK: every send carries a deadline.
func withDeadline(u string) error {
	hc := cleanhttp.DefaultPooledClient()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err
	}
	_, err = hc.Do(req)
	return err
}

// A client built on its transport is judged by what the transport bounds.
var onTransport = &http.Client{Transport: cleanhttp.DefaultPooledTransport()} // want `http.Client built without a Timeout`

func callOnTransport(u string) { onTransport.Head(u) }

// OK: the header timeout set on the transport it gives.
func onBoundedTransport(u string) {
	t := cleanhttp.DefaultPooledTransport()
	t.ResponseHeaderTimeout = 10 * time.Second
	(&http.Client{Transport: t}).Head(u)
}
