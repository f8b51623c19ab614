// Package devtemplate parses templates again per request only in a
// development mode the server is started in (hot reload); in production
// the set parsed at start-up is used.
package devtemplate

import (
	"html/template"
	"net/http"
)

var debug bool

type config struct{ Dev bool }

type app struct {
	dev       bool
	cfg       config
	templates *template.Template
}

func (a *app) render(w http.ResponseWriter, name string, data any) {
	t := a.templates
	if a.dev {
		t = template.Must(template.ParseGlob("templates/*.html"))
	}
	t.ExecuteTemplate(w, name, data)
}

func (a *app) renderConfigured(w http.ResponseWriter, name string) {
	t := a.templates
	if a.cfg.Dev && t != nil {
		t = template.Must(template.ParseGlob("templates/*.html"))
	}
	t.ExecuteTemplate(w, name, nil)
}

func renderDebug(w http.ResponseWriter, name string) {
	t := template.Must(template.New("x").Parse(""))
	if debug {
		t = template.Must(template.ParseFiles("templates/" + "page.html"))
	}
	t.ExecuteTemplate(w, name, nil)
}

// renderAlways parses on every call.
func (a *app) renderAlways(w http.ResponseWriter, name string) {
	t := template.Must(template.ParseGlob("templates/*.html"))
	t.ExecuteTemplate(w, name, nil)
}

// renderAsked parses when the request asks: the client decides.
func (a *app) renderAsked(w http.ResponseWriter, name string, reload bool) {
	t := a.templates
	if reload {
		t = template.Must(template.ParseGlob("templates/*.html"))
	}
	t.ExecuteTemplate(w, name, nil)
}

func (a *app) home(w http.ResponseWriter, r *http.Request) {
	a.render(w, "home.html", nil)
	a.renderConfigured(w, "home.html")
	renderDebug(w, "home.html")
}

func (a *app) about(w http.ResponseWriter, r *http.Request) {
	a.renderAlways(w, "about.html") // want `^note: a.renderAlways builds the same template on every request \(a.renderAlways → template.ParseGlob\)`
}

func (a *app) preview(w http.ResponseWriter, r *http.Request) {
	a.renderAsked(w, "preview.html", r.FormValue("reload") != "") // want `^note: a.renderAsked builds the same template on every request`
}
