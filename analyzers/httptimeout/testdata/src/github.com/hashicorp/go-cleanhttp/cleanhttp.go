// Package cleanhttp is a fake of github.com/hashicorp/go-cleanhttp with
// its shape: clients with no Timeout on transports whose dialer has one
// and that set no ResponseHeaderTimeout.
package cleanhttp

import (
	"net"
	"net/http"
	"time"
)

func DefaultPooledTransport() *http.Transport {
	t := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout: 10 * time.Second,
	}
	return t
}

func DefaultTransport() *http.Transport {
	t := DefaultPooledTransport()
	t.DisableKeepAlives = true
	return t
}

func DefaultClient() *http.Client {
	return &http.Client{Transport: DefaultTransport()}
}

func DefaultPooledClient() *http.Client {
	return &http.Client{Transport: DefaultPooledTransport()}
}

// TimedClient is no part of go-cleanhttp: a constructor that sets a
// Timeout, for the negative case.
func TimedClient() *http.Client {
	c := DefaultPooledClient()
	c.Timeout = 5 * time.Second
	return c
}
