package effects

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/types/typeutil"
)

// locks marks the calls made while a package-level mutex is held: from
// its Lock to the next Unlock in the same function, or to the end of the
// function when the Unlock is deferred.
func (r *Result) locks(block *ast.BlockStmt) {
	type held struct {
		name     string
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
		name, op := r.mutexOp(c)
		if name == "" || op != "Lock" && op != "RLock" {
			continue
		}
		h := held{name: name, from: c.End(), to: block.End()}
		for _, u := range calls[i+1:] {
			if n, uop := r.mutexOp(u); n == name && (uop == "Unlock" || uop == "RUnlock") && !deferred[u] {
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
					r.locked[c] = h.name
				}
			}
		}
	}
}

// mutexOp recognizes mu.Lock() and its kin on a package-level mutex (or
// one embedded in or reached from a package-level variable).
func (r *Result) mutexOp(call *ast.CallExpr) (name, op string) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", ""
	}
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Signature().Recv() == nil || !knowledge.Mutexes[strings.TrimPrefix(knowledge.TypeName(fn.Signature().Recv().Type()), "*")] {
		return "", ""
	}
	if !r.global(sel.X) {
		return "", ""
	}
	return types.ExprString(sel.X), fn.Name()
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
