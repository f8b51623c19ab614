// Package effects computes what each function does when it is called:
// makes a DB round trip, sends a redis command, waits on another service,
// sends a message through a third-party service, blocks without a
// context, sleeps, holds a package-level mutex across I/O, or does
// start-up work. Library calls are known from the knowledge tables; calls
// into the program's own functions, in this package or another, from
// analysis facts. Each effect carries the shortest chain of calls that
// leads to its cause, so a finding can say
// loop → s.store.GetAuthor → (*sql.DB).QueryRowContext.
//
// The analyzers that care where a call runs (queryinloop, handlerblock,
// thirdpartysync) require Analyzer and ask its Result about each call.
package effects

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/crisislint/crisislint/internal/reqpath"
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
	// Startup is work that gives the same result on every call: compiling
	// a constant regular expression, parsing template files.
	Startup
	numKinds
)

var kindNames = [numKinds]string{"db", "redis", "network", "messaging", "nocontext", "detached", "sleep", "globallock", "startup"}

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

// Effect is one kind of effect and how it comes about.
type Effect struct {
	Kind Kind
	// Chain names the calls from the function to the cause, the cause
	// last: ["(*store.Store).GetAuthor", "(*sql.DB).QueryRowContext"].
	Chain []string
	// Note is what the cause needs said: the library of a DB or redis
	// call, the context variant of a context-less call (QueryContext), the
	// service a message goes through (SendGrid), what start-up work builds
	// (template), the mutex held, the detached context.
	Note string
	// Remote is set when the cause waits on another service over the
	// network: an HTTP request, a gRPC call, a message sent; a request
	// built without a context; a detached context or a held mutex around
	// such a wait.
	Remote bool
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
// help, and facts must stay small.
const maxChain = 8

// add records e in s unless s has a better effect of the same kind: one
// that waits on a remote service where e does not (a function that looks
// a row up and then fetches a page from another site is, for what it
// costs, a remote fetch), or else one with a chain no longer. It reports
// whether s changed.
func (s *Set) add(e Effect) bool {
	if len(e.Chain) > maxChain {
		return false
	}
	if old := s[e.Kind]; old != nil && (old.Remote && !e.Remote || old.Remote == e.Remote && len(old.Chain) <= len(e.Chain)) {
		return false
	}
	s[e.Kind] = &e
	return true
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
		out[e.Kind] = &Effect{Kind: e.Kind, Chain: append([]string{name}, e.Chain...), Note: e.Note, Remote: e.Remote}
	}
	return out
}

// Fact records the effects of an exported function or a method, for the
// packages that call it.
type Fact struct {
	Effects []Effect
}

// AFact marks Fact as an analysis fact.
func (*Fact) AFact() {}

func (f *Fact) String() string {
	var parts []string
	for _, e := range f.Effects {
		remote := ""
		if e.Remote && e.Kind != Network && e.Kind != Messaging { // those are remote by definition
			remote = "remote: "
		}
		parts = append(parts, fmt.Sprintf("%s(%s%s)", e.Kind, remote, strings.Join(e.Chain, " → ")))
	}
	return "effects: " + strings.Join(parts, ", ")
}

func (f *Fact) set() Set {
	var s Set
	for _, e := range f.Effects {
		if e.Kind < numKinds && len(e.Chain) > 0 {
			s.add(e)
		}
	}
	return s
}

func factOf(s Set) *Fact {
	f := &Fact{}
	for _, e := range s {
		if e != nil {
			f.Effects = append(f.Effects, *e)
		}
	}
	return f
}

// Analyzer computes the effects of the package's functions, exports them
// as facts, and answers questions about calls through its Result. It
// reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "effects",
	Doc:        "effects: compute what each function does when called (a helper of crisislint's analyzers)",
	URL:        "https://github.com/crisislint/crisislint/tree/main/internal/effects",
	Run:        run,
	Requires:   []*analysis.Analyzer{reqpath.Analyzer},
	FactTypes:  []analysis.Fact{new(Fact)},
	ResultType: reflect.TypeFor[*Result](),
}
