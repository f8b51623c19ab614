// Package auth keeps the context of its OAuth2 providers' sends in a
// field: a setter gives it, and context.Background() is the default until
// then (pocketbase's tools/auth). Its only callers are in package apis,
// which imports it: only the whole program's facts tell whether they
// give the setter a deadline.
package auth

import (
	"context"
	"net/http"
)

type Provider interface {
	SetContext(ctx context.Context)
	FetchUser(token string) error
}

type BaseProvider struct {
	ctx context.Context
	url string
}

func (p *BaseProvider) SetContext(ctx context.Context) { p.ctx = ctx }

type Apple struct{ BaseProvider }

func NewApple() *Apple {
	return &Apple{BaseProvider{ctx: context.Background(), url: "https://appleid.apple.com/auth/keys"}}
}

func (p *Apple) FetchUser(token string) error {
	return verify(p.ctx, p.url) // OK: apis bounds every SetContext
}

func verify(ctx context.Context, u string) error {
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

// Hooks keeps its context the same way; apis gives it one without a
// deadline.
type Hooks struct {
	ctx context.Context
	url string
}

func NewHooks(u string) *Hooks { return &Hooks{ctx: context.Background(), url: u} }

func (h *Hooks) WithContext(ctx context.Context) { h.ctx = ctx }

func (h *Hooks) Fire() error {
	req, err := http.NewRequestWithContext(h.ctx, "POST", h.url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends on http.DefaultClient`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
