// Package ownreader limits bodies with readers of its own, in handlers. // want package:"wants a body limit"
package ownreader

import (
	"errors"
	"io"
	"net/http"
)

// capped stops at its limit, as io.LimitedReader does, with an error.
type capped struct { // want capped:"limits what it reads"
	rc   io.ReadCloser
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, errors.New("request body too large")
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.rc.Read(p)
	c.left -= int64(n)
	return n, err
}

func (c *capped) Close() error { return c.rc.Close() }

func limitBody(r *http.Request, n int64) {
	r.Body = &capped{rc: r.Body, left: n}
}

func newCapped(rc io.ReadCloser, n int64) *capped { return &capped{rc: rc, left: n} }

// counting measures what it reads for metrics: it limits nothing.
type counting struct {
	rc io.ReadCloser
	n  int64
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.rc.Read(p)
	c.n += int64(n)
	if c.n > 1<<30 {
		println("large body")
	}
	return n, err
}

func (c *counting) Close() error { return c.rc.Close() }

func upload(w http.ResponseWriter, r *http.Request) {
	limitBody(r, 1<<20)
	b, _ := io.ReadAll(r.Body)
	w.Write(b)
}

func direct(w http.ResponseWriter, r *http.Request) {
	r.Body = &capped{rc: r.Body, left: 1 << 20}
	b, _ := io.ReadAll(r.Body)
	w.Write(b)
}

func made(w http.ResponseWriter, r *http.Request) {
	r.Body = newCapped(r.Body, 1<<20)
	b, _ := io.ReadAll(r.Body)
	w.Write(b)
}

func measured(w http.ResponseWriter, r *http.Request) {
	r.Body = &counting{rc: r.Body}
	b, _ := io.ReadAll(r.Body) // want `io.ReadAll\(r.Body\) reads the whole request body into memory with no size limit`
	w.Write(b)
}
