// Package web mounts the routes.
package web

import (
	"net/http"
	"time"

	"realmod/devapp/debugpages"
	"realmod/devapp/devtest"
	"realmod/devapp/setting"
	"realmod/devapp/shared"
)

func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/wait", shared.Wait)
	if !setting.IsProd || setting.IsInE2eTesting() {
		mux.HandleFunc("/devtest/fetch-action-test", devtest.FetchActionTest)
		mux.HandleFunc("/devtest/run", devtest.MockRun)
		mux.HandleFunc("/devtest/wait", shared.Wait)
	}
	if setting.DisableDebug {
		mux.HandleFunc("/debug/slow", debugpages.Slow)
	}
	mux.HandleFunc("/home", home)
}

// A development branch in a handler of its own still reports the handler.
func home(w http.ResponseWriter, r *http.Request) {
	if !setting.IsProd {
		time.Sleep(time.Second) // want `^time.Sleep sleeps while the request waits`
	}
}
