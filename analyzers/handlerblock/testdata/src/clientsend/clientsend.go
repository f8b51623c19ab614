// Package clientsend sends requests with an http.Client's Get and Post,
// which build the request inside without a context: the same request
// that cannot be cancelled as http.NewRequest and Do.
package clientsend

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

type Geo struct {
	hc   *http.Client
	base string
}

func NewGeo() *Geo {
	return &Geo{hc: &http.Client{Timeout: 60 * time.Second}, base: "https://geo.internal"}
}

func (g *Geo) Lookup(ip string) error {
	resp, err := g.hc.Get(g.base + "/ip/" + url.PathEscape(ip))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (g *Geo) Report(body string) error {
	resp, err := g.hc.Post(g.base+"/report", "application/json", strings.NewReader(body))
	if err == nil {
		resp.Body.Close()
	}
	return err
}

type Server struct{ geo *Geo }

func (s *Server) whereami(w http.ResponseWriter, r *http.Request) {
	s.geo.Lookup(r.RemoteAddr) // want `^error: s.geo.Lookup sends a request to another service that cannot be cancelled \(s.geo.Lookup → \(\*http.Client\).Get\): .*pass r.Context\(\) down and use http.NewRequestWithContext and Do`
}

func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	s.geo.Report(`{}`) // want `^error: s.geo.Report sends a request to another service that cannot be cancelled \(s.geo.Report → \(\*http.Client\).Post\)`
}

func slowClient(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Timeout: time.Minute}
	c.PostForm("https://backend/", url.Values{"a": {"b"}}) // want `^error: c.PostForm builds a request to another service that cannot be cancelled: .*use http.NewRequestWithContext and Do with r.Context\(\)`
}

// --- not reported ---

// A client with a short constant timeout bounds the request, as it does
// one sent with Do.
func shortClient(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Timeout: 5 * time.Second}
	c.Get("https://backend/")
}

// The same sends off the request path.
func Warm(g *Geo) {
	g.Lookup("127.0.0.1")
}
