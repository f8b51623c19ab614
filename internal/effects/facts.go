// The facts effects exports: what a function or method does (Fact), and
// what a package's implementations of other packages' interfaces do
// (ImplFact). fixpoint.go exports them.

package effects

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

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
		kind := e.Kind.String()
		if e.Attrs != 0 {
			kind += "[" + e.Attrs.String() + "]"
		}
		remote := ""
		if e.Remote && e.Kind != Network && e.Kind != Messaging { // those are remote by definition
			remote = "remote: "
		}
		through := ""
		if e.Param != 0 {
			through = fmt.Sprintf(" if param %d's %s does", e.Param-1, strings.Join(e.Methods, "/"))
		}
		parts = append(parts, fmt.Sprintf("%s(%s%s%s)", kind, remote, strings.Join(e.Chain, " → "), through))
	}
	return "effects: " + strings.Join(parts, ", ")
}

// ImplFact records, for the interfaces of other packages that the
// package's types implement, what each implementation does: a call of
// the interface method in a package that knows this fact may reach it.
type ImplFact struct {
	Impls []Impl
	// Idle counts, per interface method key, the package's types that
	// implement it and do nothing there: a registry of providers is
	// known by how many implement it, not only by those that do I/O. A
	// slice in the order the package's types are found, not a map: a
	// fact's encoding must be the same on every run.
	Idle []IdleCount
}

// IdleCount is how many of a package's types implement an interface
// method (its key, as Impl's Method) and do nothing there.
type IdleCount struct {
	Method string
	N      int
}

// Impl is what one method does as the implementation of an interface
// method.
type Impl struct {
	// Method is the interface method's key: the qualified name of the
	// interface that declares it and the method's
	// ("github.com/ory/hydra/v2/jwk.Manager.GetKeySet").
	Method string
	// Effects are the implementation's, each chain starting with its
	// name: (*sql.Persister).GetKeySet → (*sqlx.DB).GetContext.
	Effects []Effect
}

// AFact marks ImplFact as an analysis fact.
func (*ImplFact) AFact() {}

func (f *ImplFact) String() string {
	var parts []string
	for _, impl := range f.Impls {
		parts = append(parts, impl.Method+": "+strings.TrimPrefix((&Fact{Effects: impl.Effects}).String(), "effects: "))
	}
	return "implements " + strings.Join(parts, "; ")
}

// WantsFact records the interface methods a package looked for
// implementations of in other packages. A driver that analyzes the whole
// program asks it whether a package's analysis may change with facts of
// packages it does not import (see Wants): crisislint's engine analyzes a
// package a second time, with the whole program's facts, only then.
type WantsFact struct {
	Methods []string // sorted
}

// AFact marks WantsFact as an analysis fact.
func (*WantsFact) AFact() {}

func (f *WantsFact) String() string {
	return "wants implementations of " + strings.Join(f.Methods, ", ")
}

// Wants reports whether a fact of another package may change what this
// package's calls do: it implements one of the methods.
func (f *WantsFact) Wants(other analysis.Fact) bool {
	impls, ok := other.(*ImplFact)
	if !ok {
		return false
	}
	for _, impl := range impls.Impls {
		if _, found := slices.BinarySearch(f.Methods, impl.Method); found {
			return true
		}
	}
	return false
}

// AsyncFact records the parameters a function runs in a goroutine of its
// own (go f()): what a function literal handed to it does is not done
// while its caller waits.
type AsyncFact struct {
	Params []int
}

// AFact marks AsyncFact as an analysis fact.
func (*AsyncFact) AFact() {}

func (f *AsyncFact) String() string {
	return fmt.Sprintf("runs parameters %v in a goroutine", f.Params)
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
