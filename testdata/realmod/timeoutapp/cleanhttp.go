package timeoutapp

import (
	"net/http"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

// go-cleanhttp's clients have no Timeout, and its transports no
// ResponseHeaderTimeout: learned from its code, through facts.
type pooledFetcher struct{ hc *http.Client }

func newPooledFetcher() *pooledFetcher {
	return &pooledFetcher{hc: cleanhttp.DefaultPooledClient()} // want `^cleanhttp.DefaultPooledClient returns an http.Client with no Timeout, whose Transport does not bound both the dial and the wait for the response headers`
}

func (f *pooledFetcher) get(u string) (*http.Response, error) { return f.hc.Get(u) }

func cleanGet(u string) (*http.Response, error) {
	return cleanhttp.DefaultClient().Get(u) // want `cleanhttp.DefaultClient returns an http.Client with no Timeout`
}

var onCleanTransport = &http.Client{Transport: cleanhttp.DefaultPooledTransport()} // want `http.Client built without a Timeout`

func callCleanTransport(u string) (*http.Response, error) { return onCleanTransport.Get(u) }

// OK: the Timeout set on what it returns.
func newTimedPooledFetcher() *pooledFetcher {
	hc := cleanhttp.DefaultPooledClient()
	hc.Timeout = 15 * time.Second
	return &pooledFetcher{hc: hc}
}
