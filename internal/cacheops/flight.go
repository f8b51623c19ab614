package cacheops

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/types/typeutil"
)

// A program may carry its own singleflight (go-zero's core/syncx,
// a vendored copy of x/sync's, a group of its own): known by no table,
// it is known by what it does. Do(key, fn) looks the key up in a map of
// calls in flight under a mutex; a caller that finds one waits for it
// (a WaitGroup, a condition, a channel); the one that does not runs fn.
// Those four together are what makes the other callers wait for one
// load; a cache or a memo has the map and the lock, but no wait.

// flight reports whether a declaration has the shape of a singleflight:
// it locks a mutex, indexes a map with one of its parameters, waits
// (sync.WaitGroup.Wait, sync.Cond.Wait, a receive), and calls a function
// parameter.
func (r *Result) flight(decl *ast.FuncDecl) bool {
	var locks, lookup, waits, runs bool
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				waits = true
			}
		case *ast.IndexExpr:
			if _, ok := r.pass.TypesInfo.TypeOf(n.X).Underlying().(*types.Map); ok && r.exprParam(decl, n.Index) >= 0 {
				lookup = true
			}
		case *ast.CallExpr:
			if r.exprParam(decl, n.Fun) >= 0 {
				runs = true
				return true
			}
			fn, _ := typeutil.Callee(r.pass.TypesInfo, n).(*types.Func)
			if fn == nil {
				return true
			}
			switch knowledge.FuncName(fn) {
			case "(*sync.WaitGroup).Wait", "(*sync.Cond).Wait":
				waits = true
			case "(*sync.Mutex).Lock", "(*sync.RWMutex).Lock":
				locks = true
			}
		}
		return true
	})
	return locks && lookup && waits && runs
}
