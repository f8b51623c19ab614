// Mutexes shared by the package's callers (package-level, or taken by
// key from package-level state) and the calls made while one is held.

package effects

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/returns"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/types/typeutil"
)

// lock is a mutex that the package's callers share, as a call made while
// it is held knows it.
type lock struct {
	kind Kind   // GlobalLock, or KeyLock for a mutex taken by key
	note string // the mutex as the code spells it where it is taken: mu, locks[key]
}

// locks marks the calls made while a shared mutex is held: from its Lock
// to the next Unlock in the same function, or to the end of the function
// when the Unlock is deferred. Only the functions that lock are walked.
func (r *Result) locks() {
	locking := make(map[*body]bool)
	for t := range knowledge.Mutexes {
		for _, op := range []string{"Lock", "RLock"} {
			for _, c := range r.callees.Named("(*" + t + ")." + op) {
				if b := r.enclosing(c.Expr); b != nil {
					locking[b] = true
				}
			}
		}
	}
	for b := range locking {
		switch n := b.node.(type) {
		case *ast.FuncDecl:
			r.lockRegions(n.Body)
		case *ast.FuncLit:
			r.lockRegions(n.Body)
		}
	}
}

// enclosing returns the innermost function of the package that call is
// written in, or nil at package level.
func (r *Result) enclosing(call *ast.CallExpr) *body {
	var in *body
	for n, b := range r.bodies {
		if n.Pos() <= call.Pos() && call.End() <= n.End() && (in == nil || n.Pos() > in.node.Pos()) {
			in = b
		}
	}
	return in
}

// lockRegions marks the calls of one function's block made while a
// shared mutex is held.
func (r *Result) lockRegions(block *ast.BlockStmt) {
	type held struct {
		lock
		spelled  string // to pair the Lock with its Unlock
		from, to token.Pos
	}
	var regions []held
	var calls []*ast.CallExpr
	deferred := make(map[*ast.CallExpr]bool)
	ast.Inspect(block, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			deferred[n.Call] = true
		case *ast.CallExpr:
			calls = append(calls, n)
		}
		return true
	})
	for i, c := range calls {
		spelled, op, l := r.mutexOp(c)
		if l == nil || op != "Lock" && op != "RLock" {
			continue
		}
		h := held{lock: *l, spelled: spelled, from: c.End(), to: block.End()}
		for _, u := range calls[i+1:] {
			if s, uop, _ := r.mutexOp(u); s == spelled && (uop == "Unlock" || uop == "RUnlock") && !deferred[u] {
				h.to = u.Pos()
				break
			}
		}
		regions = append(regions, h)
	}
	for _, h := range regions {
		for _, c := range calls {
			if c.Pos() >= h.from && c.End() <= h.to {
				if _, ok := r.locked[c]; !ok {
					r.locked[c] = &h.lock
				}
			}
		}
	}
}

// mutexOp recognizes mu.Lock() and its kin on a mutex the package's
// callers share (see shared). It returns the mutex as the call spells it,
// the method, and the lock; a nil lock for any other call.
func (r *Result) mutexOp(call *ast.CallExpr) (spelled, op string, l *lock) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", "", nil
	}
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Signature().Recv() == nil || !knowledge.Mutexes[strings.TrimPrefix(knowledge.TypeName(fn.Signature().Recv().Type()), "*")] {
		return "", "", nil
	}
	l = r.shared(sel.X, 0)
	if l == nil {
		return "", "", nil
	}
	return types.ExprString(sel.X), fn.Name(), l
}

// maxLockHops bounds how far shared follows a mutex back to where it is
// taken: a variable, a type assertion, a helper that returns it.
const maxLockHops = 4

// shared returns the lock that e, a mutex, is when the package's callers
// share it, or nil:
//
//   - a package-level mutex, or one embedded in or reached from a
//     package-level variable (mu, cache.mu, locks.users): GlobalLock;
//   - one taken by key from package-level state: an element of a map,
//     slice or array (locks[key], shards[h%n]), the result of a method
//     called with a key on a package-level value (locks.Get(key),
//     m.LoadOrStore(key, &sync.Mutex{})), or of a function of the package
//     that returns one: KeyLock.
//
// It follows local variables assigned once (mu := locks[key],
// v, _ := m.LoadOrStore(...)) and type assertions (v.(*sync.Mutex)). A
// local mutex, or a receiver's field, is the caller's own: nil.
func (r *Result) shared(e ast.Expr, hops int) *lock {
	if hops > maxLockHops {
		return nil
	}
	spell := types.ExprString(e)
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.SelectorExpr:
		if r.global(x) {
			return &lock{kind: GlobalLock, note: spell}
		}
		id, ok := x.(*ast.Ident)
		if !ok {
			return nil
		}
		v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok || !sharable(v.Type()) {
			return nil // a mutex value copied into a local is no longer shared
		}
		return r.sharedVar(v, hops)
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return r.shared(x.X, hops+1) // &mu
		}
	case *ast.TypeAssertExpr:
		return r.shared(x.X, hops+1) // v.(*sync.Mutex)
	case *ast.IndexExpr:
		if t := r.pass.TypesInfo.TypeOf(x.X); t != nil && !isFunc(t) && r.global(x.X) {
			return &lock{kind: KeyLock, note: spell}
		}
	case *ast.CallExpr:
		return r.sharedResult(x, hops)
	}
	return nil
}

// sharedVar returns the lock a local variable holds when it gets it from
// shared state. A fresh mutex assigned too is the one the code then
// stores there for the key:
//
//	l, ok := locks[id]
//	if !ok {
//		l = &sync.Mutex{}
//		locks[id] = l
//	}
func (r *Result) sharedVar(v *types.Var, hops int) *lock {
	var found *lock
	for _, w := range r.index.Writes(v) {
		switch {
		case w.RHS == nil && w.Decl || fresh(r.pass.TypesInfo, w.RHS):
			continue // var l *sync.Mutex, l = &sync.Mutex{}
		case w.RHS == nil || w.Kind != strexpr.Assign && (w.Kind != strexpr.Tuple || w.TupleIndex != 0):
			return nil
		}
		l := r.shared(w.RHS, hops+1)
		if l == nil {
			return nil
		}
		if found == nil || l.kind == KeyLock {
			found = l
		}
	}
	return found
}

// fresh reports whether e allocates a new mutex: &sync.Mutex{},
// new(sync.Mutex).
func fresh(info *types.Info, e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		_, ok := ast.Unparen(x.X).(*ast.CompositeLit)
		return x.Op == token.AND && ok
	case *ast.CallExpr:
		id, ok := ast.Unparen(x.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		b, ok := info.Uses[id].(*types.Builtin)
		return ok && b.Name() == "new"
	}
	return false
}

// sharedResult returns the lock a call returns when it takes a mutex from
// package-level state: a method of a package-level value, or a function
// of the package whose every return statement returns a shared mutex.
// With arguments, the call takes the mutex by key.
func (r *Result) sharedResult(call *ast.CallExpr, hops int) *lock {
	kind := GlobalLock
	if len(call.Args) > 0 {
		kind = KeyLock
	}
	fun := ast.Unparen(call.Fun)
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		if s, ok := r.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.MethodVal && r.global(sel.X) {
			return &lock{kind: kind, note: types.ExprString(call)}
		}
	}
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	b := r.funcs[fn]
	if b == nil {
		return nil
	}
	decl := b.node.(*ast.FuncDecl)
	found := false
	for ret := range returns.In(decl.Body) {
		if len(ret.Results) == 0 {
			return nil
		}
		l := r.shared(ret.Results[0], hops+1)
		if l == nil {
			return nil
		}
		found = true
		if l.kind == KeyLock {
			kind = KeyLock
		}
	}
	if !found {
		return nil
	}
	return &lock{kind: kind, note: types.ExprString(call)}
}

// isFunc reports whether t is a function type: f[int] instantiates a
// generic function, it takes nothing by key.
func isFunc(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// sharable reports whether a variable of type t can hold a mutex that
// others hold too: a pointer, or an interface holding one.
func sharable(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Pointer); ok {
		return true
	}
	return types.IsInterface(t)
}

// global reports whether e is a package-level variable or is reached from
// one (cache.mu, registry).
func (r *Result) global(e ast.Expr) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, ok := r.pass.TypesInfo.Uses[x].(*types.Var)
			return ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
		case *ast.SelectorExpr:
			if v, ok := r.pass.TypesInfo.ObjectOf(x.Sel).(*types.Var); ok && !v.IsField() {
				return true // pkg.Var
			}
			e = x.X
		default:
			return false
		}
	}
}
