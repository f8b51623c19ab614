// Package chosen runs a long migration under the server's context, on
// purpose: gitea's Migrate hands doLongTimeMigrate
// graceful.GetManager().HammerContext() so that a client going away
// does not cancel it.
package chosen

import (
	"context"
	"net/http"
)

type manager struct{ ctx context.Context }

var mgr = &manager{ctx: context.Background()}

func (m *manager) HammerContext() context.Context { return m.ctx }

func GetManager() *manager { return mgr }

func download(ctx context.Context, u string) error {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

func Migrate(w http.ResponseWriter, r *http.Request) {
	download(GetManager().HammerContext(), "http://remote/") // OK: a context chosen to outlive the request
}

func Import(w http.ResponseWriter, r *http.Request) {
	download(context.WithoutCancel(r.Context()), "http://remote/") // OK: detached on purpose
}

// The request's context does not end what download does without it: one
// finding for the calls that reach download, at the first.
func Mirror(w http.ResponseWriter, r *http.Request) {
	download(r.Context(), "http://remote/") // want `download sends a request to another service that cannot be cancelled \(download → http.NewRequest\).* \(and 1 more call reaching chosen.download in this package\)`
}

func valueContext(r *http.Request) context.Context { return r.Context() }

func Fetch(w http.ResponseWriter, r *http.Request) {
	download(valueContext(r), "http://remote/") // the same finding's related location
}

func Detach(w http.ResponseWriter, r *http.Request) {
	download(context.Background(), "http://remote/") // want `download does I/O under context.Background\(\)`
}
