// Package web mounts the routes: its fact lists the packages of the program it uses in development branches only. // want package:`uses in development branches devroutes/pages}$`
package web

import (
	"net/http"

	"devroutes/admin"
	"devroutes/either"
	"devroutes/local"
	"devroutes/pages"
	"devroutes/setting"
)

var debug = setting.Cfg.Debug

func Routes(mux *http.ServeMux, localDebug bool) {
	if !setting.IsProd || setting.IsInE2eTesting() {
		mux.HandleFunc("/dev/slow", pages.Slow)
	}
	if setting.Cfg.Debug && debug {
		mux.HandleFunc("/dev/other", pages.Other)
	}
	if setting.DisableDebug { // says neither
		mux.HandleFunc("/admin/debug", admin.Debug)
	}
	if localDebug { // a parameter: not the program's state
		mux.HandleFunc("/local", local.Page)
	}
	if !setting.IsProd || localDebug { // in production too, when the caller says
		mux.HandleFunc("/either", either.Page)
	}
}
