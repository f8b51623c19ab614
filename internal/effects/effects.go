// Package effects computes what each function does when it is called:
// makes a DB round trip, sends a redis command, waits on another service,
// sends a message through a third-party service, blocks without a
// context, sleeps, holds a mutex shared by the package's callers across
// I/O, or does start-up work. Library calls are known from the knowledge
// tables; calls into the program's own functions, in this package or
// another, from analysis facts; calls through an interface, from the
// facts of its implementations (interfaces.go).
//
// Each effect carries the shortest chain of calls that leads to its
// cause, so a finding can say
// loop → s.store.GetAuthor → (*sql.DB).QueryRowContext, and the Attrs of
// the calls on the chain that are made only sometimes (a lazy loader, an
// error path, a worker loop): what that means for a crisis is for the
// analyzer that owns the crisis to say.
//
// The analyzers that care where a call runs (queryinloop, handlerblock,
// thirdpartysync) require Analyzer and ask its Result about each call.
package effects

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/callindex"
	"github.com/crisislint/crisislint/internal/reqpath"
	"github.com/crisislint/crisislint/internal/varindex"
	"golang.org/x/tools/go/analysis"
)

// Kind is one thing a function can do when it is called.
type Kind uint8

const (
	// DB is a round trip to a database.
	DB Kind = iota
	// Redis is a command sent to redis on its own, not in a pipeline.
	Redis
	// Network is a wait on another service: an HTTP request, a gRPC call.
	Network
	// Messaging is an email, SMS or notification sent through a
	// third-party service.
	Messaging
	// NoContext is I/O that cannot be cancelled: a call that takes no
	// context where a context-taking variant exists.
	NoContext
	// Detached is I/O under context.Background() or context.TODO().
	Detached
	// Sleep is time.Sleep.
	Sleep
	// GlobalLock is DB or network I/O made while a package-level mutex is
	// held.
	GlobalLock
	// KeyLock is DB or network I/O made while a mutex taken by key from
	// package-level state is held: locks[key], m.LoadOrStore(key, mu).
	KeyLock
	// Startup is work that gives the same result on every call: compiling
	// a constant regular expression, parsing template files.
	Startup
	numKinds
)

var kindNames = [numKinds]string{"db", "redis", "network", "messaging", "nocontext", "detached", "sleep", "globallock", "keylock", "startup"}

func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// async tells whether a kind still matters when the call runs in a
// goroutine of its own: a query started per item still loads the
// database; a sleep in a goroutine no longer holds the request.
func (k Kind) async() bool { return k == DB || k == Redis }

// Attrs say why a call on a chain may not be made each time the function
// runs: what the site of the call is. Effects does not decide what that
// means for a crisis: the analyzer that owns the crisis does (a lazy
// loader's query is no N+1, but a context.Background() behind the guard is
// still detached from the request).
type Attrs uint16

const (
	// Lazy is a call made only while a field of the receiver is still
	// empty, or a flag the function raises is down: a lazy loader
	// (if a.Repo != nil { return nil }), which a caller may have preloaded.
	Lazy Attrs = 1 << iota
	// ErrorPath is a call made only when an error occurred:
	// if err != nil { notify(...) }.
	ErrorPath
	// Worker is a call made in a loop that serves a channel until it is
	// closed: for job := range jobs, for { select { ... } }.
	Worker
	// Cached is a call made only when a key is missing from a map or a
	// sync.Map the function looked it up in first: a cache's load, once
	// per key (if u, ok := users.Load(id); ok { return u }), or once per
	// key at a time (if _, loaded := inflight.LoadOrStore(id, x); loaded
	// { return }); or missing from a cache whose Get says so by a boolean
	// or an error, which the function then fills under the same key
	// (if v, err := tokens.Get(k); err == nil { return v }).
	Cached
	// Bounded is detached I/O that cannot last long whoever waits: a
	// redis command that does not block, which the client's read timeout
	// (3 s by default in go-redis) ends.
	Bounded
	// Deliberate is a sleep for a time drawn at random (x.RandomDelay,
	// rand.Intn(3000) ms): a delay on purpose, against timing attacks or
	// as jitter, not a wait for something. A retry loop that calls it
	// still waits between attempts.
	Deliberate
	// Setting is a call made only while a boolean setting of the server
	// is on: a field reached from the method's receiver, or a
	// package-level variable, that the function does not set
	// (if a.dev { parse the templates again }: a development mode's hot
	// reload).
	Setting
	// Abandoned is a call handed a callback that ends in a select on a
	// context's Done or a timer, doing its work in a goroutine: the
	// callback returns when the client leaves or the time is up, and
	// what the call wraps around it (a transaction: BEGIN, then a
	// rollback) ends with it. The call's own context-less statements
	// are not work that goes on after the client.
	Abandoned
	// Backoff is a call made in a retry loop of a few attempts (a
	// constant count, 5 at most) that leaves the loop on success and
	// whose attempts carry a context: a sleep there is the pause between
	// attempts, at most a few of them, which retrystorm asks for.
	Backoff
	// Deadline is detached I/O under a short constant deadline set on the
	// detached context (context.WithTimeout(context.Background(),
	// 5*time.Second)): it ends by then, though not when the client leaves.
	Deadline
)

var attrNames = []string{"lazy", "errorpath", "worker", "cached", "bounded", "deliberate", "setting", "abandoned", "backoff", "deadline"}

func (a Attrs) String() string {
	var names []string
	for i, name := range attrNames {
		if a&(1<<i) != 0 {
			names = append(names, name)
		}
	}
	return strings.Join(names, "|")
}

// Effect is one kind of effect and how it comes about.
type Effect struct {
	Kind Kind
	// Chain names the calls from the function to the cause, the cause
	// last: ["(*store.Store).GetAuthor", "(*sql.DB).QueryRowContext"].
	Chain []string
	// Note is what the cause needs said: the library of a DB or redis
	// call, the context variant of a context-less call (QueryContext), the
	// service a message goes through (SendGrid), what start-up work builds
	// (template), the mutex held, the detached context; for a sleep as
	// long as a parameter of the function says, that parameter's index.
	Note string
	// Attrs are those of the calls on the chain: zero when every call of
	// the chain is made each time its function runs.
	Attrs Attrs
	// Remote is set when the cause waits on another service over the
	// network: an HTTP request, a gRPC call, a message sent; a request
	// built without a context; a detached context or a held mutex around
	// such a wait.
	Remote bool
	// Param, when not 0, says that the effect comes about only through
	// the implementation of an interface that parameter Param-1 of the
	// function holds (migrateRepository calls downloader.GetRepoInfo on
	// its parameter downloader base.Downloader); Methods are the
	// interface's methods the function calls on it. A caller that passes
	// a value of a concrete type none of whose Methods has the effect
	// does not get it (see bind).
	Param   int
	Methods []string
}

// Cause returns the last link of the chain: the call that does the thing.
func (e Effect) Cause() string { return e.Chain[len(e.Chain)-1] }

// Direct reports whether the effect's cause is the call itself.
func (e Effect) Direct() bool { return len(e.Chain) == 1 }

// Path renders the chain after a first link written as the code spells
// it: "s.store.GetAuthor → (*sql.DB).QueryRowContext".
func (e Effect) Path(first string) string {
	return strings.Join(append([]string{first}, e.Chain[1:]...), " → ")
}

// Blamed returns the link of the chain that a finding about a call with
// this effect, made in package pkg, blames: the first function of another
// package the chain goes through (the API the caller uses:
// "(*storage.Storage).UserByID"), or else the function that makes the
// call that does the thing. A direct effect blames none: "".
func (e Effect) Blamed(pkg string) string {
	if e.Direct() {
		return ""
	}
	links := e.Chain[:len(e.Chain)-1] // the program's functions, without the cause
	for _, link := range links {
		if p := LinkPackage(link); p != "" && p != pkg {
			return link
		}
	}
	return links[len(links)-1]
}

// LinkPackage returns the name of the package of a link of a chain:
// storage for "(*storage.Storage).UserByID" or "storage.FetchJobs", and
// "" for a closure's link ("func literal", a local variable's name).
func LinkPackage(link string) string {
	name := link
	if strings.HasPrefix(link, "(") {
		i := strings.Index(link, ").")
		if i < 0 {
			return ""
		}
		name = strings.TrimPrefix(link[1:i], "*")
	}
	pkg, _, ok := strings.Cut(name, ".")
	if !ok {
		return ""
	}
	return pkg
}

// Set is what a call or a function does, at most one Effect per Kind.
type Set [numKinds]*Effect

// Has reports whether the set holds an effect of kind k.
func (s *Set) Has(k Kind) bool { return s[k] != nil }

// Empty reports whether the set holds no effect.
func (s *Set) Empty() bool {
	for _, e := range s {
		if e != nil {
			return false
		}
	}
	return true
}

// maxChain bounds the length of a chain: beyond it, a message would not
// help, and facts must stay small. A longer chain keeps its first links
// and its cause, the middle elided: libraries' own calls make deep
// chains (pop's Find is seven calls from the query), and the effect must
// not be lost for it.
const maxChain = 8

// elided stands for the links a long chain leaves out.
const elided = "…"

// add records e in s unless s has an effect of the same kind that is as
// good (see better). It reports whether s changed.
func (s *Set) add(e Effect) bool {
	if n := len(e.Chain); n > maxChain {
		e.Chain = append(slices.Clip(e.Chain[:maxChain-2]), elided, e.Chain[n-1])
	}
	if old := s[e.Kind]; old != nil && old.Param != 0 && e.Param != 0 {
		// Both through a parameter's implementation: through the same
		// parameter, by any of the methods of both; through two, by
		// either, which no one argument decides.
		merged := *old
		if e.better(old) {
			merged = e
		}
		if old.Param == e.Param {
			merged.Methods = unionSorted(old.Methods, e.Methods)
		} else {
			merged.Param, merged.Methods = 0, nil
		}
		if sameEffect(&merged, old) {
			return false
		}
		s[e.Kind] = &merged
		return true
	}
	if old := s[e.Kind]; old != nil && !e.better(old) {
		return false
	}
	s[e.Kind] = &e
	return true
}

func unionSorted(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

func sameEffect(a, b *Effect) bool {
	return a.Attrs == b.Attrs && a.Remote == b.Remote && a.Note == b.Note && a.Param == b.Param &&
		slices.Equal(a.Chain, b.Chain) && slices.Equal(a.Methods, b.Methods)
}

// better reports whether e says more than old about what a function
// does: it waits on a remote service where old does not (a function that
// looks a row up and then fetches a page from another site is, for what
// it costs, a remote fetch); or it is made each time where old is made
// only sometimes (has Attrs); or else its chain is shorter.
func (e *Effect) better(old *Effect) bool {
	if (e.Param == 0) != (old.Param == 0) {
		return e.Param == 0 // whatever the caller passes
	}
	if e.Remote != old.Remote {
		return e.Remote // a lookup then a page fetched from another site costs a remote fetch
	}
	if (e.Attrs == 0) != (old.Attrs == 0) {
		return e.Attrs == 0
	}
	if e.Kind == Sleep && (e.Note == "") != (old.Note == "") {
		return e.Note == "" // a sleep of its own, not one for as long as a caller says
	}
	return len(e.Chain) < len(old.Chain)
}

// Without returns the effects of s that have none of the attributes a.
// As add prefers an effect without attributes, an effect s drops here is
// one the function has only under those conditions.
func (s Set) Without(a Attrs) Set {
	var out Set
	for k, e := range s {
		if e != nil && e.Attrs&a == 0 {
			out[k] = e
		}
	}
	return out
}

// via returns the effects a caller gets by calling a function whose
// effects are s under the name name; sync is false for a call that runs in
// a goroutine of its own.
func (s *Set) via(name string, sync bool) Set {
	var out Set
	for _, e := range s {
		if e == nil || !sync && !e.Kind.async() {
			continue
		}
		out[e.Kind] = &Effect{Kind: e.Kind, Chain: append([]string{name}, e.Chain...), Note: e.Note, Attrs: e.Attrs, Remote: e.Remote, Param: e.Param, Methods: e.Methods}
	}
	return out
}

func sameSet(a, b Set) bool {
	for k := range a {
		if (a[k] == nil) != (b[k] == nil) {
			return false
		}
		if a[k] != nil && !sameEffect(a[k], b[k]) {
			return false
		}
	}
	return true
}

// io returns the best I/O effect of s (see better), or nil.
func (s *Set) io() *Effect {
	var best *Effect
	for _, k := range []Kind{DB, Redis, Network, Messaging} {
		if e := s[k]; e != nil && (best == nil || e.better(best)) {
			best = e
		}
	}
	return best
}

// Analyzer computes the effects of the package's functions, exports them
// as facts, and answers questions about calls through its Result. It
// reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "effects",
	Doc:        "effects: compute what each function does when called (a helper of crisislint's analyzers)",
	URL:        "https://github.com/crisislint/crisislint/tree/main/internal/effects",
	Run:        run,
	Requires:   []*analysis.Analyzer{callindex.Analyzer, reqpath.Analyzer, varindex.Analyzer},
	FactTypes:  []analysis.Fact{new(Fact), new(ImplFact), new(WantsFact), new(AsyncFact), new(RandomFact)},
	ResultType: reflect.TypeFor[*Result](),
}
