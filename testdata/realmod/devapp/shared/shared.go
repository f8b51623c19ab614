// Package shared is mounted in a development branch and in production
// too: its handlers are on the production request path.
package shared

import (
	"net/http"
	"time"
)

func Wait(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second) // want `^time.Sleep sleeps while the request waits`
}
