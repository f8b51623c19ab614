// Package globalgrowth defines an Analyzer that reports package-level
// collections that grow on every request, or in a long-running loop,
// and never shrink.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain globalgrowth prints it.
package globalgrowth

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is globalgrowth's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "globalgrowth",
	Crisis: "a package-level slice or map grows until the process is killed",
	RawDocumentation: lint.RawDocumentation{
		Title: "package-level slices and maps that grow per request and never shrink",
		Text: `A map that remembers something of every request, or a slice that a
worker appends to forever, holds memory no collector can free; the
service is fine for days, then dies out of memory, again and again.

globalgrowth reports, outside test code, a package-level slice that is
appended to, or a package-level map, sync.Map or list that gets a new
entry (m[k] = v with a key that is not a constant, Store, LoadOrStore,
PushBack), also a field of a package-level struct, or of the one value
of a type of the package, held in a package-level variable, that the
type's methods grow (var visits = &Visits{byIP: ...}, or = newVisits()
where the unexported newVisits is called only there, and visits is
never assigned again; a type the package makes other values of, or
that an exported constructor makes, may be grown in values that die
with the request), when it grows

  - on the request path: in a handler of the package, in a function it
    calls, in the same package, or in a goroutine it starts; or in a
    call a handler makes to a function of another package that grows
    one of that package's variables (known through an analysis fact,
    since that package cannot know it runs per request): reported at
    the call;
  - in a long-running loop: a loop over a channel (a consumer), or a
    for loop without a condition that waits on a channel or a select
    (a worker, a goroutine started from main), or a function it calls;

and nothing in the package ever removes from it: no delete, clear,
Delete, Remove, no reassignment (m = make(...), s = nil, s = s[1:],
s = append(s[:0], ...)), and it is not handed to another function or
aliased, where it might be. Each variable is reported once per package,
at its first growing place, with the others as related locations.

It does not report growth in init, in package-level initializers, in
functions only called from them, in registration functions
(Register…, MustRegister…) that are not on a request path, keys from a
closed set (a constant, a bool, an enumerated type, a reflect.Type: one
entry per type of the program; the template of the route a request
matched, alone or joined to constants: gin's c.FullPath(), chi's
RoutePattern(), gorilla/mux's GetPathTemplate(), echo's c.Path(), Go's
r.Pattern, one entry per route, as per-route metrics keep; the raw path,
r.URL.Path, and the method are the client's to choose), or a cache filled on a miss (the same
function looks the key up first, or at a later turn of a loop around
the store, as a conditional GET reads its cached body on a 304; a
function literal it runs at once counts as the function: one entry per
distinct key, and the keys of a get-or-load are usually a closed set,
time zones, languages, compiled patterns, upstream URLs; but not when
the client chooses the key, its address, a header, a form value, in the
function or through a caller in the package, and the value needs no
load that can fail: a rate limiter per IP or the request IDs seen get
an entry per client however they are looked up first), a map whose
growth is gated by a test of its length against a limit (if len(m) >=
max { return }), or a loop over configuration (a package-level
variable: parsing the configured keys when settings are loaded, even
from an install handler). Across packages, a function is known to grow a
variable only when it does so on every call, not under an if or a case:
a lazy load that logs a start-up problem is not growth per request.

Severity: growth on the request path is an error, since the traffic
decides how fast memory runs out; growth in a long-running loop is a
warning.`,
		Before: `
var seen = map[string]time.Time{}

func track(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	seen[r.RemoteAddr] = time.Now()
	mu.Unlock()
`,
		After: `
var seen, _ = lru.New[string, time.Time](10_000) // github.com/hashicorp/golang-lru/v2

func track(w http.ResponseWriter, r *http.Request) {
	seen.Add(r.RemoteAddr, time.Now())
`,
		Severity: lint.SeverityWarning,
	},
	Remedy: `There is no automatic fix: use a bounded structure (an LRU with a size
cap, a ring buffer), give the entries a TTL (expirable.NewLRU), or
delete them when they are done with.`,
})
