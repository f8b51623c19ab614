// Package devtest serves mock pages for frontend development, which
// package web mounts only outside production (gitea's devtest): their
// sleeps fake a slow server and are on no production request path.
package devtest

import (
	"net/http"
	"time"
)

func FetchActionTest(w http.ResponseWriter, r *http.Request) {
	time.Sleep(2 * time.Second)
	w.Write([]byte("ok"))
}

func MockRun(w http.ResponseWriter, r *http.Request) {
	fillJob(w, r)
}

// fillJob has a handler's shape, and only the mock handlers call it.
func fillJob(w http.ResponseWriter, r *http.Request) {
	if r.FormValue("slow") != "" {
		time.Sleep(3 * time.Second)
	}
}
