// Package ownhook has a middleware type of its own: Limit wraps the body // want package:"applies a body limit"
// in http.MaxBytesReader inside one, and every route passes it.
package ownhook

import (
	"encoding/json"
	"net/http"
)

type Ctx struct {
	W http.ResponseWriter
	R *http.Request
}

type Middleware struct {
	Name   string
	Handle func(c *Ctx) error
}

type Mux struct{ mws []Middleware }

func (m *Mux) Use(mw Middleware) { m.mws = append(m.mws, mw) }

func (m *Mux) Post(path string, h func(c *Ctx) error) {}

func Limit(n int64) Middleware { // want Limit:"limits bodies"
	return Middleware{Name: "limit", Handle: func(c *Ctx) error {
		c.R.Body = http.MaxBytesReader(c.W, c.R.Body, n)
		return nil
	}}
}

func create(c *Ctx) error {
	var v map[string]any
	return json.NewDecoder(c.R.Body).Decode(&v)
}

func Routes() *Mux {
	m := &Mux{}
	m.Use(Limit(1 << 20))
	m.Post("/create", create)
	return m
}
