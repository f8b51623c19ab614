// Package gateway routes to the proxy's handlers and applies no deadline
// itself: the command that serves it wraps it in http.TimeoutHandler.
package gateway

import (
	"net/http"

	"realmod/deadlinesvc/proxy"
)

func Router() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/upstream/", proxy.Forward)
	return mux
}
