// Package gracefulish gives servers the defaults a library such as
// ory/graceful does: the timeouts their callers left zero.
package gracefulish

import (
	"net/http"
	"time"
)

func WithDefaults(srv *http.Server) *http.Server { // want WithDefaults:"sets the timeouts of the server of parameter 0"
	if srv.ReadTimeout == 0 {
		srv.ReadTimeout = 5 * time.Second
	}
	if srv.ReadHeaderTimeout == 0 {
		srv.ReadHeaderTimeout = 5 * time.Second
	}
	return srv
}

// Named only names the server: no timeout.
func Named(name string, srv *http.Server) *http.Server {
	srv.Addr = name
	return srv
}
