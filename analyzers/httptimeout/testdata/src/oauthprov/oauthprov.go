// Package oauthprov keeps the context of its sends in a field: a setter // want package:"wants the calls of \\(\\*oauthprov.BaseProvider\\).SetContext, \\(oauthprov.Provider\\).SetContext"
// gives it, context.Background() is the default until then (pocketbase's
// OAuth2 providers).
package oauthprov

import (
	"context"
	"net/http"
	"time"
)

type Provider interface {
	SetContext(ctx context.Context)
	FetchUser(token string) error
}

type BaseProvider struct {
	ctx     context.Context
	jwksURL string
}

func (p *BaseProvider) SetContext(ctx context.Context) { p.ctx = ctx }

type Apple struct{ BaseProvider }

func NewApple() *Apple {
	return &Apple{BaseProvider{ctx: context.Background(), jwksURL: "https://appleid.apple.com/auth/keys"}}
}

func (p *Apple) FetchUser(token string) error {
	return validate(p.ctx, p.jwksURL) // OK: every SetContext gives a deadline
}

// validate leaves the deadline to its callers.
func validate(ctx context.Context, u string) error { // want validate:"sends on http.DefaultClient with the context of parameter 0"
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Auth is the one path into the providers: it bounds them first.
func Auth(p Provider, token string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p.SetContext(ctx)
	return p.FetchUser(token)
}

// A poller's setter is given a context with no deadline somewhere.
type poller struct {
	ctx context.Context
	url string
}

func newPoller(u string) *poller { return &poller{ctx: context.Background(), url: u} }

func (p *poller) setContext(ctx context.Context) { p.ctx = ctx }

func (p *poller) poll() error {
	req, _ := http.NewRequestWithContext(p.ctx, "GET", p.url, nil)
	resp, err := http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends on http.DefaultClient`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func startPolling(u string) {
	p := newPoller(u)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	p.setContext(ctx)
	p.poll()
	p.setContext(context.Background())
	p.poll()
}

// A notifier's setter is never called: the default is what it sends with.
type notifier struct {
	ctx context.Context
	url string
}

func newNotifier(u string) *notifier { return &notifier{ctx: context.TODO(), url: u} }

func (n *notifier) setContext(ctx context.Context) { n.ctx = ctx }

func (n *notifier) notify() error {
	return validate(n.ctx, n.url) // want `validate sends on http.DefaultClient`
}

// A field reset to the default outside a literal is not a default.
type resetter struct {
	ctx context.Context
	url string
}

func (r *resetter) setContext(ctx context.Context) { r.ctx = ctx }

func (r *resetter) reset() { r.ctx = context.Background() }

func (r *resetter) fetch() error {
	req, _ := http.NewRequestWithContext(r.ctx, "GET", r.url, nil)
	resp, err := http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends on http.DefaultClient`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func useResetter(r *resetter) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	r.setContext(ctx)
	r.fetch()
}
