// Package pages has mock pages for development. Which packages use it
// only in development branches is for the engine's second round to say
// (testdata/realmod/devapp): here, its findings stay.
package pages

import (
	"net/http"
	"time"
)

func Slow(w http.ResponseWriter, r *http.Request) {
	time.Sleep(time.Second) // want `time.Sleep sleeps while the request waits`
}

func Other(w http.ResponseWriter, r *http.Request) {}
