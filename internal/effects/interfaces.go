// Calls through interfaces: the implementations a call of an interface
// method may reach, in this package and in others.

package effects

import (
	"cmp"
	"go/types"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
)

// A call of an interface method may reach any method that implements it.
// What the implementations do comes from three places:
//
//   - the package's own types that implement it;
//   - the Fact on the method, which the package that declares the
//     interface exports from its own implementations;
//   - the ImplFacts of the other packages the analysis knows of: every
//     package exports, for the interfaces of other packages that it names
//     (and those they embed), what its implementations do. Under go vet
//     and golangci-lint these are the caller's dependencies; a driver that
//     analyzes the whole program may answer AllPackageFacts with the facts
//     of every package, and so reach the implementations that a registry
//     hands out from a package the caller does not import:
//     h.r.Persister().GetKeySet → (*sql.Persister).GetKeySet → ....
//
// Interfaces of the standard library and of described libraries are the
// tables' (io.Reader, http.Handler): their implementations are not looked
// up. A mock or fake does nothing, so it adds nothing to what a call may
// do; mocks need not be told apart from generated code that does real
// work (ent, sqlc).

// maxImpls bounds the implementations in other packages that a call of
// an interface method is taken to reach: beyond it, the interface is a
// registry of plugins or drivers, and what one of them does says nothing
// about a given call.
const maxImpls = 8

// implementations returns what a call of the interface method m may do.
func (r *Result) implementations(m *types.Func) Set {
	return r.implementationsBut(m, nil)
}

// implementationsBut returns what a call of m may do through any of the
// package's implementations but self's: the delegate of a decorator (a
// broker that forwards to the broker it wraps) is another one.
func (r *Result) implementationsBut(m *types.Func, self *types.TypeName) Set {
	known, ok := r.ifaces[m]
	if !ok {
		var s Set
		var f Fact
		if m.Pkg() != nil && m.Pkg() != r.pass.Pkg && r.pass.ImportObjectFact(m, &f) {
			s = f.set()
		}
		for _, impl := range r.implsElsewhere(m) {
			for _, e := range impl.Effects {
				if e.Kind < numKinds && len(e.Chain) > 0 {
					s.add(e)
				}
			}
		}
		for _, impl := range r.importedImplementers(m, r.elsewhereCount(m)+len(r.implementers(m))) {
			var f Fact
			if r.pass.ImportObjectFact(impl, &f) {
				fs := f.set()
				for _, e := range fs.via(Name(impl), true) {
					if e != nil {
						s.add(*e)
					}
				}
			}
		}
		known = &s
		r.ifaces[m] = known
	}
	s := *known // a copy: the implementations below are added to it only
	for _, impl := range r.implementers(m) {
		if self != nil && receiverType(impl) == self {
			continue
		}
		if b := r.funcs[impl]; b != nil {
			for _, e := range b.set.via(Name(impl), true) {
				if e != nil {
					s.add(*e)
				}
			}
		}
	}
	return s
}

// implementers returns the methods of the package's own types that
// implement the interface method m.
func (r *Result) implementers(m *types.Func) []*types.Func {
	if impls, ok := r.impls[m]; ok {
		return impls
	}
	var impls []*types.Func
	if iface, ok := m.Signature().Recv().Type().Underlying().(*types.Interface); ok {
		for _, tn := range r.concreteTypes() {
			if implements(tn, iface) {
				impls = append(impls, r.method(tn, m.Name()))
			}
		}
	}
	r.impls[m] = impls
	return impls
}

// importedImplementers returns the methods that implement the interface
// method m in the packages of the module this package imports, but the
// one that declares m (its Fact has them): a handler's package declares
// the small interface it consumes ("define interfaces where they are
// used"), and the repository it imports implements it without naming it.
// Beyond maxImpls, counting the others known, the interface is a
// registry (of providers, of plugins) and none is returned: the few this
// package imports say nothing of the one a call reaches.
func (r *Result) importedImplementers(m *types.Func, others int) []*types.Func {
	iface, ok := m.Signature().Recv().Type().Underlying().(*types.Interface)
	if !ok || m.Pkg() == nil || knowledge.Described(m.Pkg().Path()) {
		return nil
	}
	var impls []*types.Func
	for _, pkg := range r.pass.Pkg.Imports() {
		if pkg == m.Pkg() || !r.sameModule(pkg) || knowledge.Described(pkg.Path()) {
			continue
		}
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || !tn.Exported() || tn.IsAlias() || types.IsInterface(tn.Type()) {
				continue
			}
			if n, ok := tn.Type().(*types.Named); ok && n.TypeParams().Len() > 0 {
				continue
			}
			if implements(tn, iface) {
				obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, pkg, m.Name())
				if fn, ok := obj.(*types.Func); ok {
					impls = append(impls, fn)
				}
			}
		}
	}
	if len(impls)+others > maxImpls {
		return nil
	}
	return impls
}

// implements reports whether the type tn (or a pointer to it) implements
// iface.
func implements(tn *types.TypeName, iface *types.Interface) bool {
	return types.Implements(types.NewPointer(tn.Type()), iface)
}

// method returns the method named name of the type tn (or of a pointer
// to it), or nil.
func (r *Result) method(tn *types.TypeName, name string) *types.Func {
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, r.pass.Pkg, name)
	fn, _ := obj.(*types.Func)
	return fn
}

// concreteTypes returns the package's declared types that may implement
// an interface: not interfaces, aliases or generic types.
func (r *Result) concreteTypes() []*types.TypeName {
	if r.concrete != nil {
		return *r.concrete
	}
	var out []*types.TypeName
	scope := r.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
			continue
		}
		if n, ok := tn.Type().(*types.Named); ok && n.TypeParams().Len() > 0 {
			continue
		}
		out = append(out, tn)
	}
	r.concrete = &out
	return out
}

// methodKey names an interface method across packages: the qualified
// name of the interface that declares it, and its own. A method of an
// embedded interface is the embedded interface's.
func methodKey(m *types.Func) (string, bool) {
	recv := m.Signature().Recv()
	if recv == nil {
		return "", false
	}
	n, ok := types.Unalias(recv.Type()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return "", false // a method of an interface literal
	}
	n = n.Origin()
	return n.Obj().Pkg().Path() + "." + n.Obj().Name() + "." + m.Name(), true
}

// implsElsewhere returns the implementations of the interface method m
// that other packages list in their ImplFacts, or nil when there are
// more than maxImpls. The lookup is built the first time a call needs
// it, from AllPackageFacts.
func (r *Result) implsElsewhere(m *types.Func) []Impl {
	if m.Pkg() == nil || knowledge.Described(m.Pkg().Path()) {
		return nil
	}
	key, ok := methodKey(m)
	if !ok {
		return nil
	}
	if r.asked == nil {
		r.asked = make(map[string]bool)
	}
	r.asked[key] = true
	if r.elsewhere == nil {
		r.elsewhere = make(map[string][]Impl)
		r.idle = make(map[string]int)
		for _, pf := range r.pass.AllPackageFacts() {
			f, ok := pf.Fact.(*ImplFact)
			if !ok || pf.Package == r.pass.Pkg || !r.sameModule(pf.Package) {
				continue
			}
			for _, impl := range f.Impls {
				r.elsewhere[impl.Method] = append(r.elsewhere[impl.Method], impl)
			}
			for _, c := range f.Idle {
				r.idle[c.Method] += c.N
			}
		}
		for _, impls := range r.elsewhere {
			// AllPackageFacts comes in no order: the first of two chains
			// as short must be the same on every run.
			slices.SortFunc(impls, func(a, b Impl) int { return cmp.Compare(a.Effects[0].Chain[0], b.Effects[0].Chain[0]) })
		}
	}
	impls := r.elsewhere[key]
	if len(impls)+r.idle[key] > maxImpls {
		return nil
	}
	return impls
}

// elsewhereCount returns how many implementations of m other packages
// have, those that do nothing included (implsElsewhere must have been
// called for m).
func (r *Result) elsewhereCount(m *types.Func) int {
	key, ok := methodKey(m)
	if !ok {
		return 0
	}
	return len(r.elsewhere[key]) + r.idle[key]
}

// sameModule reports whether a package is of the caller's module (any,
// without module information). Implementations count only there: the
// program's own registry hands out its own persister, and a library's
// internal interface its own driver; but which of a library's plugins
// (the session stores of a session library: memory, file, redis,
// couchbase) serves a call is the configuration's choice, not the code's.
func (r *Result) sameModule(pkg *types.Package) bool {
	m := r.pass.Module
	if m == nil || m.Path == "" || pkg == nil {
		return true
	}
	return pkg.Path() == m.Path || strings.HasPrefix(pkg.Path(), m.Path+"/")
}

// implFact returns what the package's types do as implementations of
// the interfaces of other packages that the package names, and of those
// they embed: the interfaces it is likely to be handed out as.
func (r *Result) implFact() *ImplFact {
	f := &ImplFact{}
	busy := false
	for _, b := range r.funcs {
		busy = busy || !b.set.Empty()
	}
	if !busy {
		return f // no function here does anything: no implementation to describe
	}
	if len(r.pass.Files) > 0 && report.IsTestCode(r.pass, r.pass.Files[0].Package) {
		return f // a mock or a fake of test support (a slow storage for tests) serves no request
	}
	for _, in := range r.foreignInterfaces() {
		iface := in.Type().Underlying().(*types.Interface)
		key := in.Pkg().Path() + "." + in.Name() + "."
		for _, tn := range r.concreteTypes() {
			if !implements(tn, iface) {
				continue
			}
			for i := range iface.NumExplicitMethods() {
				m := iface.ExplicitMethod(i)
				impl := r.method(tn, m.Name())
				b := r.funcs[impl]
				if b == nil || b.set.Empty() {
					// Promoted from another package, or a mock: it does
					// nothing, but counts among the implementations.
					if i := slices.IndexFunc(f.Idle, func(c IdleCount) bool { return c.Method == key+m.Name() }); i >= 0 {
						f.Idle[i].N++
					} else {
						f.Idle = append(f.Idle, IdleCount{key + m.Name(), 1})
					}
					continue
				}
				f.Impls = append(f.Impls, Impl{Method: key + m.Name(), Effects: factOf(b.set.via(Name(impl), true)).Effects})
			}
		}
	}
	return f
}

// foreignInterfaces returns the interfaces of other packages, not
// described by the tables, that the package names, with the interfaces
// they embed, in a stable order.
func (r *Result) foreignInterfaces() []*types.TypeName {
	seen := make(map[*types.TypeName]bool)
	var add func(t types.Type)
	add = func(t types.Type) {
		n, ok := types.Unalias(t).(*types.Named)
		if !ok || n.TypeParams().Len() > 0 || n.TypeArgs().Len() > 0 || seen[n.Obj()] {
			return
		}
		iface, ok := n.Underlying().(*types.Interface)
		if !ok || n.Obj().Pkg() == nil || knowledge.Described(n.Obj().Pkg().Path()) {
			return
		}
		seen[n.Obj()] = true
		for i := range iface.NumEmbeddeds() {
			add(iface.EmbeddedType(i))
		}
	}
	for _, obj := range r.pass.TypesInfo.Uses {
		if tn, ok := obj.(*types.TypeName); ok {
			add(tn.Type())
		}
	}
	// The ports of the module's packages this one imports, named or not:
	// a repository imports the domain package for its entities and
	// implements the domain's interfaces without naming them ("accept
	// interfaces, return structs"); main wires one to the other.
	for _, pkg := range r.pass.Pkg.Imports() {
		if !r.sameModule(pkg) || knowledge.Described(pkg.Path()) {
			continue
		}
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			if tn, ok := scope.Lookup(name).(*types.TypeName); ok && tn.Exported() {
				add(tn.Type())
			}
		}
	}
	var out []*types.TypeName
	for tn := range seen {
		if tn.Pkg() != r.pass.Pkg && tn.Type().Underlying().(*types.Interface).NumExplicitMethods() > 0 {
			out = append(out, tn)
		}
	}
	slices.SortFunc(out, func(a, b *types.TypeName) int {
		return cmp.Or(cmp.Compare(a.Pkg().Path(), b.Pkg().Path()), cmp.Compare(a.Name(), b.Name()))
	})
	return out
}

// receiverType returns the declared type of a method's receiver.
func receiverType(m *types.Func) *types.TypeName {
	if recv := m.Signature().Recv(); recv != nil {
		return declared(recv.Type())
	}
	return nil
}

// declared returns the declared type of T or *T, or nil.
func declared(t types.Type) *types.TypeName {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj()
	}
	return nil
}
