// Package store grows collections held by the one value of a type, kept
// in a package-level variable, through that type's methods.
package store

import (
	"net/http"
	"sync"
)

// Visits is made once, for the package-level visits: its methods grow
// visits' collections.
type Visits struct {
	mu    sync.Mutex
	byIP  map[string]int
	trail []string
}

func (v *Visits) Add(ip, path string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.byIP[ip]++                    // want `^the package-level map visits.byIP gets a new entry on every request \(it runs in the HTTP handler visit\)`
	v.trail = append(v.trail, path) // want `^the package-level slice visits.trail grows on every request`
}

var visits = &Visits{byIP: map[string]int{}}

func visit(w http.ResponseWriter, r *http.Request) {
	visits.Add(r.RemoteAddr, r.URL.Path)
}

// Tokens is made by an unexported constructor that only tokens' initializer
// calls.
type Tokens struct{ issued map[string]string }

func newTokens() *Tokens { return &Tokens{issued: make(map[string]string)} }

func (t *Tokens) Issue(user, token string) {
	t.issued[token] = user // want `^the package-level map tokens.issued gets a new entry on every request`
}

var tokens = newTokens()

func login(w http.ResponseWriter, r *http.Request) {
	tokens.Issue(r.FormValue("user"), r.FormValue("token"))
}

// A value receiver still writes to the one map.
type Hits struct{ byPath map[string]int }

func (h Hits) Count(path string) {
	h.byPath[path]++ // want `^the package-level map hits.byPath gets a new entry on every request`
}

var hits = Hits{byPath: map[string]int{}}

func count(w http.ResponseWriter, r *http.Request) {
	hits.Count(r.URL.Path)
}

// Sessions forgets: its Remove deletes.
type Sessions struct{ byID map[string]string }

func (s *Sessions) Put(id, user string) { s.byID[id] = user }
func (s *Sessions) Remove(id string)    { delete(s.byID, id) }

var sessions = &Sessions{byID: map[string]string{}}

func signIn(w http.ResponseWriter, r *http.Request) {
	sessions.Put(r.FormValue("id"), r.FormValue("user"))
}

// Carts are made per request too: the method's receiver is not always
// the package-level value, and a per-request cart dies with the request.
type Cart struct{ items []string }

func (c *Cart) Add(item string) { c.items = append(c.items, item) }

var featured = &Cart{}

func addToCart(w http.ResponseWriter, r *http.Request) {
	cart := &Cart{}
	cart.Add(r.FormValue("item"))
	featured.Add(r.FormValue("item"))
}

// The package-level value is replaced: the old one's collections are
// freed with it.
type Window struct{ events []string }

func (w *Window) Record(e string) { w.events = append(w.events, e) }

var window = &Window{}

func record(w http.ResponseWriter, r *http.Request) {
	window.Record(r.URL.Path)
	if len(window.events) > 1000 {
		window = &Window{}
	}
}

// An exported constructor may make others, in other packages.
type Registry struct{ names map[string]bool }

func NewRegistry() *Registry { return &Registry{names: map[string]bool{}} }

func (g *Registry) Add(name string) { g.names[name] = true }

var registry = NewRegistry()

func register(w http.ResponseWriter, r *http.Request) {
	registry.Add(r.FormValue("name"))
}

// A value receiver's append changes a copy's slice header.
type Log struct{ lines []string }

func (l Log) Append(s string) []string { return append(l.lines, s) }

var log = Log{}

func logLine(w http.ResponseWriter, r *http.Request) {
	_ = log.Append(r.URL.Path)
}

func main() {
	http.HandleFunc("/visit", visit)
	http.HandleFunc("/login", login)
	http.HandleFunc("/count", count)
	http.HandleFunc("/signin", signIn)
	http.HandleFunc("/cart", addToCart)
	http.HandleFunc("/record", record)
	http.HandleFunc("/register", register)
	http.HandleFunc("/log", logLine)
}
