// Package debugpages is mounted under a setting whose name says debug
// but negates it (if setting.DisableDebug): no development branch.
package debugpages

import (
	"net/http"
	"time"
)

func Slow(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second) // want `^time.Sleep sleeps while the request waits`
}
