// Package sdkclient is an SDK whose clients are configured by its users.
package sdkclient

import (
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
