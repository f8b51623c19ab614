// Package hammer stops the process from an internal endpoint (gitea's
// graceful manager): the helper sleeps for as long as its caller says,
// and the handler's path passes zero, which waits for nothing; the
// timed hammer runs in a goroutine of its own.
package hammer

import (
	"net/http"
	"time"
)

var hammerTime = 60 * time.Second

func doHammerTime(d time.Duration) {
	time.Sleep(d)
	// ... close every listener
}

func immediateHammer() { doHammerTime(0 * time.Second) }

func delayedHammer(d time.Duration) { doHammerTime(d) }

func shutdown(w http.ResponseWriter, r *http.Request) {
	go doHammerTime(hammerTime)
	immediateHammer()
	w.WriteHeader(http.StatusOK)
}

func restart(w http.ResponseWriter, r *http.Request) {
	delayedHammer(0)
	delayedHammer(hammerTime) // want `^warning: delayedHammer sleeps \(delayedHammer → hammer.doHammerTime → time.Sleep\) while the request waits`
}
