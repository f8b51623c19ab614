// Package routenodeadline builds a TimeoutHandler and drops it: its // want package:"wants a router's deadline"
// routes are served without a deadline.
package routenodeadline

import (
	"io"
	"net/http"
	"time"
)

func Mux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/avatar", avatar)
	_ = http.TimeoutHandler(mux, 10*time.Second, "timeout")
	return mux
}

func avatar(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://www.gravatar.com/avatar/x", nil)
	resp, err := http.DefaultClient.Do(req) // want `http.DefaultClient.Do sends on http.DefaultClient, which has no timeout, under the context of the request being served: when the service does not answer, the call waits as long as the client does`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}
