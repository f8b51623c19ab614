// Package routedeadline serves its routes behind http.TimeoutHandler: // want package:"applies a deadline middleware"
// the context of every request has a deadline.
package routedeadline

import (
	"context"
	"io"
	"net/http"
	"time"
)

func Mux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/avatar", avatar)
	return http.TimeoutHandler(mux, 10*time.Second, "timeout")
}

// OK: r.Context() ends within the router's ten seconds.
func avatar(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://www.gravatar.com/avatar/x", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

// The deadline is the request's: a send with none still waits forever.
func background(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest(http.MethodGet, "https://example.com/", nil)
	http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends on http.DefaultClient, which has no timeout: when the service does not answer, the call waits forever`
}

// OK: the request's context, with its deadline, handed to a function
// that sends with it.
func search(w http.ResponseWriter, r *http.Request) {
	lookup(r.Context(), "q")
}

func lookup(ctx context.Context, q string) { // want lookup:"sends on http.DefaultClient with the context of parameter 0: http.DefaultClient.Do"
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://search/?q="+q, nil)
	http.DefaultClient.Do(req)
}
