// Package web grows package-level collections per request, and some that
// do not count.
package web

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"reflect"
	"sync"
	"time"

	"cache"
	"lazy"
	"mid"
)

var seen = map[string]time.Time{}

func track(w http.ResponseWriter, r *http.Request) {
	seen[r.RemoteAddr] = time.Now() // want `^the package-level map seen gets a new entry on every request \(it runs in the HTTP handler track\), and nothing in the package ever removes from it: memory grows until the process is killed; use an LRU with a size cap \(lru.New\[K, V\]\(size\), github.com/hashicorp/golang-lru/v2\), or an LRU whose entries also expire \(expirable.NewLRU\[K, V\]\(size, nil, ttl\)\), or a ring buffer, or delete entries when done$`
}

var events []string

func logEvent(w http.ResponseWriter, r *http.Request) {
	record(r.URL.Path)
}

// record is reached from a handler: the append runs per request. Two
// places grow events: one finding, the other related.
func record(p string) {
	events = append(events, p) // want `the package-level slice events grows on every request \(it runs in the HTTP handler logEvent\).*\(and 1 more place growing it in this package\)`
	if p == "/" {
		events = append(events, "root")
	}
}

var sessions sync.Map

func login(w http.ResponseWriter, r *http.Request) {
	sessions.Store(r.FormValue("user"), time.Now()) // want `the package-level sync.Map sessions gets a new entry on every request`
}

var pending []string

// A goroutine started per request still grows per request.
func later(w http.ResponseWriter, r *http.Request) {
	go func() {
		pending = append(pending, r.URL.Path) // want `the package-level slice pending grows on every request`
	}()
}

var hits []string

func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/hits", func(w http.ResponseWriter, r *http.Request) {
		hits = append(hits, r.URL.Path) // want `the package-level slice hits grows on every request \(it runs in the HTTP handler literal\)`
	})
}

var stats = struct {
	sync.Mutex
	byPath map[string]int
}{byPath: map[string]int{}}

func count(w http.ResponseWriter, r *http.Request) {
	stats.Lock()
	stats.byPath[r.URL.Path]++ // want `the package-level map stats.byPath gets a new entry on every request`
	stats.Unlock()
}

// Another package's function grows its own variable: reported at the call.
func store(w http.ResponseWriter, r *http.Request) {
	cache.Put(r.URL.Path, nil) // want `^cache.Put grows the package-level cache.entries \(at cache.go:7\) on every request \(it runs in the HTTP handler store\), and nothing in its package ever removes from it`
	mid.Save(r.URL.Path)
	lazy.Themes() // OK: grows only on its first call
}

// OK: cleared elsewhere in the package.
var visits = map[string]int{}

func visit(w http.ResponseWriter, r *http.Request) { visits[r.URL.Path]++ }

func resetVisits() { clear(visits) }

// OK: deleted from.
var active = map[string]bool{}

func enter(w http.ResponseWriter, r *http.Request) {
	active[r.RemoteAddr] = true
	defer delete(active, r.RemoteAddr)
}

// OK: resliced to a bound.
var recent []string

func remember(w http.ResponseWriter, r *http.Request) {
	recent = append(recent, r.URL.Path)
	if len(recent) > 100 {
		recent = recent[1:]
	}
}

// OK: keys from a closed set.
type status int

const (
	okStatus status = iota
	failed
)

var counts = map[status]int{}
var byType = map[reflect.Type]int{}
var flags = map[bool]int{}

func tally(w http.ResponseWriter, r *http.Request) {
	var s status
	counts[s]++
	counts[failed]++
	byType[reflect.TypeOf(r)]++
	flags[r.TLS != nil]++
	seen["constant"] = time.Now()
}

// OK: registration at start-up.
var routes = map[string]http.HandlerFunc{}

func Register(path string, h http.HandlerFunc) { routes[path] = h } // want Register:"grows web.routes at web.go:130"

var names []string

func setup() { names = append(names, "a") }

func init() {
	Register("/", nil)
	routes["/x"] = nil
	setup()
}

var initial = build()

func build() []string {
	names = append(names, "b")
	return names
}

// OK: handed to a function that may shrink it.
var shared = map[string]string{}

func put(w http.ResponseWriter, r *http.Request) {
	shared[r.URL.Path] = "x"
	prune(shared)
}

func prune(m map[string]string) {}

// OK: a loop that ends with its input, off the request path.
var lines []string

func load(rd io.Reader) {
	sc := bufio.NewScanner(rd)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
}

// OK: a cache filled on a miss holds one entry per key, and the keys of
// a get-or-load are a closed set: what the program asks for, or what a
// load that can fail knows (a time zone).
var locations sync.Map
var catalogs = map[string][]string{}

func location(tz string) *time.Location {
	if loc, ok := locations.Load(tz); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return time.UTC
	}
	locations.Store(tz, loc)
	return loc
}

func catalog(lang string) []string {
	if c, ok := catalogs[lang]; ok {
		return c
	}
	catalogs[lang] = []string{lang}
	return catalogs[lang]
}

func localized(w http.ResponseWriter, r *http.Request) {
	location(r.FormValue("tz"))
	catalog("en")
}

// A get-or-create keyed by what the client chooses (its address, a
// header) gets one entry per client: the textbook rate limiter leak.
type limiter struct{ tokens int }

var (
	visitors = map[string]*limiter{}
	seenIDs  = map[string]struct{}{}
	byAgent  sync.Map
	vmu      sync.Mutex
)

func visitor(ip string) *limiter {
	vmu.Lock()
	defer vmu.Unlock()
	l, ok := visitors[ip]
	if !ok {
		l = &limiter{tokens: 3}
		visitors[ip] = l // want `the package-level map visitors gets a new entry on every request`
	}
	return l
}

func limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, _, _ := net.SplitHostPort(r.RemoteAddr)
		if visitor(ip).tokens == 0 {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func dedupe(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Request-Id")
	vmu.Lock()
	defer vmu.Unlock()
	if _, dup := seenIDs[id]; dup {
		w.WriteHeader(http.StatusConflict)
		return
	}
	seenIDs[id] = struct{}{} // want `the package-level map seenIDs gets a new entry on every request`
}

func agent(w http.ResponseWriter, r *http.Request) {
	if _, ok := byAgent.Load(r.UserAgent()); !ok {
		byAgent.Store(r.UserAgent(), time.Now()) // want `the package-level sync.Map byAgent gets a new entry on every request`
	}
}

// OK: a map that cannot grow past its cap; one whose size is only logged
// is not capped.
const maxEntries = 10000

var (
	perPath = map[string]int{}
	logged  = map[string]int{}
)

func countPath(w http.ResponseWriter, r *http.Request) {
	vmu.Lock()
	defer vmu.Unlock()
	if _, ok := perPath[r.URL.Path]; !ok && len(perPath) >= maxEntries {
		return
	}
	perPath[r.URL.Path]++
	if len(logged) > maxEntries {
		println("big")
	}
	logged[r.URL.Path]++ // want `the package-level map logged gets a new entry on every request`
}

// OK: settings reloaded by the install handler copy the configuration.
var configuredKeys = []string{"a", "b"}
var parsedKeys []string

func install(w http.ResponseWriter, r *http.Request) {
	for _, k := range configuredKeys {
		parsedKeys = append(parsedKeys, k)
	}
}

// A conditional GET's cache (new-api's model sync): the ETag is looked up
// before the request, the body on a 304 at a later turn of the retry
// loop; both are stored inside a literal run at once. One entry per
// upstream URL, not per request.
var (
	etags  = map[string]string{}
	bodies = map[string][]byte{}
	mu     sync.Mutex
)

func fetch(url string) []byte {
	for attempt := 0; attempt < 3; attempt++ {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		mu.Lock()
		if et := etags[url]; et != "" {
			req.Header.Set("If-None-Match", et)
		}
		mu.Unlock()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			continue
		}
		var out []byte
		func() {
			defer resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				buf, _ := io.ReadAll(resp.Body)
				mu.Lock()
				etags[url] = resp.Header.Get("ETag")
				bodies[url] = buf
				mu.Unlock()
				out = buf
				return
			}
			mu.Lock()
			out = bodies[url]
			mu.Unlock()
		}()
		return out
	}
	return nil
}

func models(w http.ResponseWriter, r *http.Request) {
	w.Write(fetch("https://upstream.example/models.json"))
}

// A read of the key after the store, outside any loop around it, is no
// cache lookup; nor is the read inside the storing statement.
var (
	lastSeen = map[string]time.Time{}
	trail    = map[string][]string{}
)

func footprints(w http.ResponseWriter, r *http.Request) {
	lastSeen[r.RemoteAddr] = time.Now() // want `the package-level map lastSeen gets a new entry on every request`
	_ = lastSeen[r.RemoteAddr]
	for _, p := range r.URL.Query()["p"] {
		trail[r.RemoteAddr] = append(trail[r.RemoteAddr], p) // want `the package-level map trail gets a new entry on every request`
	}
}
