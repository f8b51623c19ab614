// Context tracing: the context.Background() or context.TODO() a call's
// context comes from.

package effects

import (
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/types/typeutil"
)

// DetachedContext returns the context.Background() or context.TODO() call
// that the call's context argument comes from, or nil: the argument is
// that call, a context derived from it (context.WithTimeout), or a local
// variable holding one.
func (r *Result) DetachedContext(call *ast.CallExpr) *ast.CallExpr {
	for _, a := range call.Args {
		switch knowledge.TypeName(r.pass.TypesInfo.TypeOf(a)) {
		case "context.Context":
			return r.detachedRoot(a, 0)
		case knowledge.RequestType:
			// client.Do(req): the request carries the context it was made with.
			if made := r.madeWith(a); made != nil && len(made.Args) > 0 {
				return r.detachedRoot(made.Args[0], 0)
			}
		}
	}
	return nil
}

// madeWith returns the http.NewRequestWithContext call a request variable
// comes from, or nil.
func (r *Result) madeWith(e ast.Expr) *ast.CallExpr {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	ws := r.index.Writes(v)
	if len(ws) != 1 || ws[0].RHS == nil {
		return nil
	}
	call, ok := ast.Unparen(ws[0].RHS).(*ast.CallExpr)
	if !ok {
		return nil
	}
	if fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func); fn != nil && knowledge.FuncName(fn) == "net/http.NewRequestWithContext" {
		return call
	}
	return nil
}

func (r *Result) detachedRoot(e ast.Expr, depth int) *ast.CallExpr {
	if depth > 8 {
		return nil
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(r.pass.TypesInfo, e).(*types.Func)
		if fn == nil {
			return nil
		}
		switch name := knowledge.FuncName(fn); {
		case knowledge.Detachers[name]:
			return e
		case knowledge.ContextDerivers[name] && len(e.Args) > 0:
			return r.detachedRoot(e.Args[0], depth+1)
		}
	case *ast.Ident:
		v, ok := r.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok {
			return nil
		}
		ws := r.index.Writes(v)
		if len(ws) != 1 || ws[0].RHS == nil {
			return nil
		}
		switch ws[0].Kind {
		case strexpr.Assign:
			return r.detachedRoot(ws[0].RHS, depth+1)
		case strexpr.Tuple:
			if ws[0].TupleIndex == 0 {
				return r.detachedRoot(ws[0].RHS, depth+1) // ctx, cancel := context.WithTimeout(...)
			}
		}
	}
	return nil
}
