// Package ownhandler makes a handler that limits and reads its own body: // want package:"wants a body limit"
// registering it limits no other route.
package ownhandler

import (
	"encoding/json"
	"io"
	"net/http"
)

type Ctx struct {
	W http.ResponseWriter
	R *http.Request
}

type Route struct {
	Path   string
	Handle func(c *Ctx) error
}

type Mux struct{ routes []Route }

func (m *Mux) Add(r Route) { m.routes = append(m.routes, r) }

func (m *Mux) Post(path string, h func(c *Ctx) error) {}

func upload(n int64) Route {
	return Route{Path: "/upload", Handle: func(c *Ctx) error {
		c.R.Body = http.MaxBytesReader(c.W, c.R.Body, n)
		_, err := io.ReadAll(c.R.Body)
		return err
	}}
}

func create(c *Ctx) error {
	var v map[string]any
	return json.NewDecoder(c.R.Body).Decode(&v) // want `json.NewDecoder\(c.R.Body\) decodes the request body with no size limit`
}

func Routes() *Mux {
	m := &Mux{}
	m.Add(upload(10 << 20))
	m.Post("/create", create)
	return m
}
