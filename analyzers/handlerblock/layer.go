package handlerblock

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/analysis"
)

// A layer is a package of the program whose functions do I/O without a
// context: a storage layer written before contexts, as miniflux's is.
// Every handler that calls into it has the same cause, and the remedy is
// the layer's: give its functions a context. It is one finding per
// package of handlers, not one per call.
type layer struct {
	name   string   // the package's name, as chains spell it
	path   string   // its import path
	called []string // its functions this package's handlers reach, first seen first
	// others are the other packages whose handlers call into the layer,
	// when the engine shows the whole program; owner is the one of them
	// that reports it, if not this package.
	others []string
	owner  string
	// Of its functions and methods that do I/O, how many take no context,
	// and how many there are.
	noCtx, io int
}

// minLayer is the least number of a package's context-less functions that
// a package of handlers calls for it to be a layer: one or two are
// functions to fix.
const minLayer = 3

// findLayers returns, by package name, the layers the findings reach:
// packages of which the handlers call at least minLayer context-less
// functions, and at least three in four of whose functions that do I/O
// take no context.
func findLayers(pass *analysis.Pass, fx *effects.Result, found []*finding) map[string]*layer {
	byPkg := make(map[string]*layer)
	for _, f := range found {
		pkg := f.layerPackage()
		if pkg == "" {
			continue
		}
		l := byPkg[pkg]
		if l == nil {
			l = &layer{name: pkg}
			byPkg[pkg] = l
		}
		if fn := entry(f.e.Chain, pkg); !slices.Contains(l.called, fn) {
			l.called = append(l.called, fn)
		}
	}
	out := make(map[string]*layer)
	for name, l := range byPkg {
		if len(l.called) < minLayer {
			continue
		}
		pkg := lookupPackage(pass.Pkg, name)
		if pkg == nil {
			continue
		}
		for _, fn := range funcsOf(pkg) {
			set := fx.Func(fn)
			if !set.Has(effects.DB) && !set.Has(effects.Redis) && !set.Has(effects.Network) && !set.Has(effects.NoContext) {
				continue
			}
			l.io++
			if !takesContext(fn) {
				l.noCtx++
			}
		}
		if l.io > 0 && l.noCtx*4 >= l.io*3 {
			l.path = pkg.Path()
			out[name] = l
		}
	}
	return out
}

// describe says what the layer lacks, for a message.
func (l *layer) describe() string {
	names, more := l.called, ""
	if len(names) > 4 {
		names, more = names[:4], ", ..."
	}
	also := ""
	if n := len(l.others); n > 0 {
		also = fmt.Sprintf(", as do the handlers of %d other packages (%s)", n, strings.Join(l.others, ", "))
	}
	return fmt.Sprintf("package %s takes no context in %d of its %d functions that do I/O, and this package calls %d of them (%s%s)%s",
		l.name, l.noCtx, l.io, len(l.called), strings.Join(names, ", "), more, also)
}

// layersFact lists the layers a package's handlers call into, by import
// path: a layer is one cause for the whole program, said once, by the
// first of its packages of handlers in import path order. It needs the
// whole program's facts, which the engine's second round gives; under
// a driver without one (go vet), each package says it.
type layersFact struct {
	Layers []string // sorted
}

func (*layersFact) AFact() {}

func (f *layersFact) String() string {
	return "calls into the context-less layers " + strings.Join(f.Layers, ", ")
}

// Wants reports whether another package's handlers call into one of
// the same layers: the engine's second round then shows it this one.
func (f *layersFact) Wants(other analysis.Fact) bool {
	o, ok := other.(*layersFact)
	return ok && slices.ContainsFunc(o.Layers, func(l string) bool { _, found := slices.BinarySearch(f.Layers, l); return found })
}

// share tells the other packages which layers this one's handlers call
// into, and learns which of the layers others call into too: the first
// of them in import path order owns the finding.
func share(pass *analysis.Pass, layers map[string]*layer) {
	if len(layers) == 0 {
		return
	}
	f := &layersFact{}
	byPath := make(map[string]*layer)
	for _, l := range layers {
		f.Layers = append(f.Layers, l.path)
		byPath[l.path] = l
	}
	slices.Sort(f.Layers)
	pass.ExportPackageFact(f)
	for _, pf := range pass.AllPackageFacts() {
		o, ok := pf.Fact.(*layersFact)
		if !ok || pf.Package == pass.Pkg {
			continue
		}
		for _, path := range o.Layers {
			if l := byPath[path]; l != nil {
				l.others = append(l.others, pf.Package.Path())
			}
		}
	}
	for _, l := range byPath {
		slices.Sort(l.others)
		if len(l.others) > 0 && l.others[0] < pass.Pkg.Path() {
			l.owner = l.others[0]
		}
		for i, p := range l.others {
			l.others[i] = p[strings.LastIndex(p, "/")+1:]
		}
	}
}

// funcsOf returns the functions and methods a package declares.
func funcsOf(pkg *types.Package) []*types.Func {
	var out []*types.Func
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Func:
			out = append(out, obj)
		case *types.TypeName:
			n, ok := types.Unalias(obj.Type()).(*types.Named)
			if !ok || obj.IsAlias() || types.IsInterface(n) {
				continue
			}
			for m := range n.Methods() {
				out = append(out, m)
			}
		}
	}
	return out
}

func takesContext(fn *types.Func) bool {
	params := fn.Signature().Params()
	for i := range params.Len() {
		if knowledge.TypeName(params.At(i).Type()) == knowledge.ContextType {
			return true
		}
	}
	return false
}

// entry returns, for a message, the first link of a chain in package pkg:
// the function the handler's code calls into it, Storage.UserByID rather
// than the fetchUser it calls.
func entry(chain []string, pkg string) string {
	for _, link := range chain {
		if effects.LinkPackage(link) != pkg {
			continue
		}
		if !strings.HasPrefix(link, "(") {
			return strings.TrimPrefix(link, pkg+".")
		}
		i := strings.Index(link, ").")
		return strings.TrimPrefix(strings.TrimPrefix(link[1:i], "*"), pkg+".") + "." + link[i+2:]
	}
	return ""
}

// lookupPackage finds the package of a name among the package and the
// packages it imports, directly or not. Chains name packages by their
// name, not their path: a name that two of them share finds none.
func lookupPackage(pkg *types.Package, name string) *types.Package {
	var found *types.Package
	seen := make(map[*types.Package]bool)
	queue := []*types.Package{pkg}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		if p.Name() == name {
			if found != nil {
				return nil
			}
			found = p
		}
		queue = append(queue, p.Imports()...)
	}
	return found
}
