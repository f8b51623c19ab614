// Effects through a parameter's interface: what a function does through
// the implementation its caller hands it.

package effects

import (
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/types/typeutil"
)

// A function that calls methods of an interface on its parameter
// (migrateRepository(ctx, doer, downloader base.Downloader, ...), which
// calls downloader.GetRepoInfo) does what the implementation its caller
// passes does. Every implementation the analysis knows of is counted, as
// for any interface call, but the effects that come only from there
// carry the parameter (Effect.Param) and the methods called on it. At a
// call, an argument of a concrete type settles them: gitea's
// RestoreRepository hands migrateRepository a *RepositoryRestorer, which
// reads a dump from disk, so none of the GitLab downloader's requests
// reach it. An argument that is itself an interface leaves them as they
// are: through the caller's own parameter, the caller's callers decide;
// otherwise every implementation counts.

// bind settles an effect of a call's callee that depends on what the
// call passes, and marks one the call makes through an interface method
// of b's own parameter. It reports false when the effect does not come
// about through this call. b is nil when the caller's body is not the
// question (an analyzer asking what a call does).
func (r *Result) bind(b *body, call *ast.CallExpr, e *Effect) bool {
	if e.Param != 0 {
		arg := r.argFor(call, e.Param-1)
		switch {
		case arg == nil:
			e.Param, e.Methods = 0, nil
		case types.IsInterface(r.pass.TypesInfo.TypeOf(arg)):
			if j := r.ownParam(b, arg); j >= 0 {
				e.Param = j + 1
			} else {
				e.Param, e.Methods = 0, nil
			}
		default:
			if !r.concreteDoes(r.pass.TypesInfo.TypeOf(arg), e) {
				return false
			}
			e.Param, e.Methods = 0, nil
		}
	}
	if e.Param == 0 && b != nil && !e.Direct() {
		r.mark(b, call, e)
	}
	return true
}

// argFor returns the argument a call passes to its callee's parameter i,
// or nil when no single argument does (a variadic tail, a method
// expression, a function value).
func (r *Result) argFor(call *ast.CallExpr, i int) ast.Expr {
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return nil
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := r.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.MethodExpr {
			return nil
		}
	}
	sig := fn.Signature()
	n := sig.Params().Len()
	if i >= n || sig.Variadic() && i >= n-1 || i >= len(call.Args) || call.Ellipsis.IsValid() {
		return nil
	}
	return call.Args[i]
}

// ownParam returns the index of the parameter of b's function that e
// names, or -1.
func (r *Result) ownParam(b *body, e ast.Expr) int {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if b == nil || !ok {
		return -1
	}
	v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || r.index.Owner(v) != b.node {
		return -1
	}
	if k, ok := r.index.Param(v); ok {
		return k
	}
	return -1
}

// mark makes an effect of an interface method called on b's own
// parameter depend on that parameter: d.GetRepoInfo(ctx).
func (r *Result) mark(b *body, call *ast.CallExpr, e *Effect) {
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return
	}
	recv := fn.Signature().Recv()
	if recv == nil || !types.IsInterface(recv.Type()) || fn.Pkg() == nil || knowledge.Described(fn.Pkg().Path()) {
		return // a library's interface: its effects are the tables', not an implementation's
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	if j := r.ownParam(b, sel.X); j >= 0 {
		e.Param, e.Methods = j+1, []string{fn.Name()}
	}
}

// concreteDoes reports whether a value of type t, handed where an
// interface is expected, may have effect e through one of e's methods:
// a method of t that has an effect of its kind, or one the analysis
// cannot see.
func (r *Result) concreteDoes(t types.Type, e *Effect) bool {
	if t == nil {
		return true
	}
	if b, ok := t.Underlying().(*types.Basic); ok && b.Kind() == types.UntypedNil {
		return true
	}
	for _, name := range e.Methods {
		obj, _, _ := types.LookupFieldOrMethod(t, true, pkgOf(t), name)
		m, ok := obj.(*types.Func)
		if !ok {
			return true // not found: say nothing
		}
		set := r.funcSet(m)
		if set[e.Kind] != nil {
			return true
		}
	}
	return len(e.Methods) == 0
}

// pkgOf returns the package of a named type (or of what a pointer points
// to), for looking up its unexported methods.
func pkgOf(t types.Type) *types.Package {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Pkg()
	}
	return nil
}
