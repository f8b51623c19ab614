package cacheops

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Who invalidates a write is the caller's question when the function that
// writes is called: the repository updates the row, the service that
// called it deletes the key. Callers in the function's own package are in
// the Result (Callers, and the package's calls of an interface method the
// function implements: a caching decorator calls the repository it
// wraps through the interface). Callers in other packages import it, so
// the package cannot see them; crisislint's engine gives the packages
// that ask the whole program's facts in a second round. So:
//
//   - a function that leaves written rows to its callers says so in its
//     Fact (Writes), and its callers judge the call;
//   - every package lists, in a callsFact, the functions of other
//     packages with such writes that it calls outside tests;
//   - the package of the write reads every package's callsFact
//     (AllPackageFacts), and a function called elsewhere is judged there;
//     a wantsCallsFact names the functions it asked about, so that the
//     engine analyzes it again only when a package it does not import
//     calls one of them.
//
// Under a driver without the second round (go vet, analysistest), the
// callers in other packages are unseen and the write is reported where
// it is made.

// callsFact lists the functions of other packages, with writes they leave
// to their callers, that a package calls outside its tests.
type callsFact struct {
	Funcs []string // sorted full names
}

// AFact marks callsFact as an analysis fact.
func (*callsFact) AFact() {}

func (f *callsFact) String() string { return "calls writers " + strings.Join(f.Funcs, ", ") }

// wantsCallsFact names the functions of a package whose writes are judged
// by their callers, if any: a call of one in a package it does not import
// changes its findings (the engine's wanter).
type wantsCallsFact struct {
	Funcs []string // sorted full names
}

// AFact marks wantsCallsFact as an analysis fact.
func (*wantsCallsFact) AFact() {}

func (f *wantsCallsFact) String() string {
	return "wants the callers of " + strings.Join(f.Funcs, ", ")
}

// Wants reports whether another package's fact lists a call of one of the
// functions.
func (f *wantsCallsFact) Wants(other analysis.Fact) bool {
	cf, ok := other.(*callsFact)
	return ok && slices.ContainsFunc(cf.Funcs, func(name string) bool {
		_, found := slices.BinarySearch(f.Funcs, name)
		return found
	})
}

// noteCall records a call, outside tests, of another package's function
// whose fact leaves writes to its callers.
func (r *Result) noteCall(call *ast.CallExpr, fn *types.Func) {
	if fn.Pkg() == r.pass.Pkg || report.IsTestCode(r.pass, call.Pos()) {
		return
	}
	name := knowledge.FuncName(fn)
	if !slices.Contains(r.calls, name) {
		r.calls = append(r.calls, name)
	}
}

// Called reports whether a top function of the package is called by the
// program's other functions: in its package (directly, or through an
// interface method it implements, from a method of another type), or, as
// far as the driver shows, in other packages. It is known for the
// functions that write rows they leave cached.
func (r *Result) Called(top ast.Node) bool { return r.called[top] }

// judgeCallers finds which of the functions that leave written rows
// cached are called: there the callers judge the writes.
func (r *Result) judgeCallers() {
	for _, top := range r.tops {
		fd, ok := top.(*ast.FuncDecl)
		if !ok {
			continue
		}
		fn, _ := r.pass.TypesInfo.Defs[fd.Name].(*types.Func)
		if fn == nil || !slices.ContainsFunc(r.uncovered(fn), func(e string) bool { return len(r.ShapesOf(e)) > 0 }) {
			continue
		}
		r.called[top] = r.calledHere(top, fn) || r.calledElsewhere(fn)
	}
	if len(r.asked) > 0 {
		slices.Sort(r.asked)
		r.pass.ExportPackageFact(&wantsCallsFact{Funcs: r.asked})
	}
}

// calledHere reports whether another function of the package calls fn.
func (r *Result) calledHere(top ast.Node, fn *types.Func) bool {
	for _, call := range r.Callers(fn) {
		if r.CallTop(call) != top {
			return true
		}
	}
	return r.calledThroughInterface(fn)
}

// calledThroughInterface reports whether the package calls an interface
// method that fn implements, from a method of another type than fn's (a
// decorator calls the implementation it wraps; a method calling its own
// interface recurses).
func (r *Result) calledThroughInterface(fn *types.Func) bool {
	recv := receiverName(fn)
	if recv == nil {
		return false
	}
	for _, m := range r.ifaceCalls {
		if m.call.Name() != fn.Name() || m.from == recv {
			continue
		}
		if impl := r.implementer(m.call, recv); impl == fn {
			return true
		}
	}
	return false
}

// implementer returns the method of the named type that implements the
// interface method m, or nil.
func (r *Result) implementer(m *types.Func, tn *types.TypeName) *types.Func {
	iface, ok := m.Signature().Recv().Type().Underlying().(*types.Interface)
	if !ok || !types.Implements(types.NewPointer(tn.Type()), iface) {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, r.pass.Pkg, m.Name())
	fn, _ := obj.(*types.Func)
	return fn
}

// implementations returns the methods of the package's own types, but
// self's, that implement the interface method m.
func (r *Result) implementations(m *types.Func, self *types.TypeName) []*types.Func {
	var out []*types.Func
	for fn := range r.decls {
		tn := receiverName(fn)
		if tn == nil || tn == self || fn.Name() != m.Name() {
			continue
		}
		if r.implementer(m, tn) == fn {
			out = append(out, fn)
		}
	}
	slices.SortFunc(out, func(a, b *types.Func) int { return int(a.Pos() - b.Pos()) })
	return out
}

// receiverName returns the named type a method is declared on, or nil.
func receiverName(fn *types.Func) *types.TypeName {
	recv := fn.Signature().Recv()
	if recv == nil {
		return nil
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && !types.IsInterface(n) {
		return n.Origin().Obj()
	}
	return nil
}

// ifaceCall is a call of an interface method made in a method of a named
// type (from), or in a function (from nil).
type ifaceCall struct {
	call *types.Func
	from *types.TypeName
}

// interfaceCall returns the interface method a call calls, or nil.
func interfaceCall(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Signature().Recv() == nil || !types.IsInterface(fn.Signature().Recv().Type()) {
		return nil
	}
	return fn
}

// calledElsewhere reports whether another package of the program calls
// fn outside its tests, reading every package's callsFact once.
func (r *Result) calledElsewhere(fn *types.Func) bool {
	if !fn.Exported() {
		return false
	}
	name := knowledge.FuncName(fn)
	r.asked = append(r.asked, name)
	if r.callersElsewhere == nil {
		r.callersElsewhere = make(map[string]bool)
		for _, pf := range r.pass.AllPackageFacts() {
			if f, ok := pf.Fact.(*callsFact); ok && pf.Package.Path() != r.pass.Pkg.Path() {
				for _, n := range f.Funcs {
					r.callersElsewhere[n] = true
				}
			}
		}
	}
	return r.callersElsewhere[name]
}

// exportCalls records the package's calls of other packages' writers.
func (r *Result) exportCalls() {
	if len(r.calls) > 0 {
		slices.Sort(r.calls)
		r.pass.ExportPackageFact(&callsFact{Funcs: r.calls})
	}
}

// receiverOf returns the named type a top function is a method of, or
// nil.
func (r *Result) receiverOf(top ast.Node) *types.TypeName {
	fd, ok := top.(*ast.FuncDecl)
	if !ok {
		return nil
	}
	fn, _ := r.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return nil
	}
	return receiverName(fn)
}
