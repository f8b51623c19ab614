package retrystorm

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// A home-grown retry helper (util.Retry(attempts, fn), a company's
// pkg/retry) retries whatever function it is handed: its own loop calls
// a parameter, and does no I/O of its own, so the loop says nothing about
// a service. What it does to one is decided where it is called: the
// function handed to it calls the service. The helper's package records
// how the helper retries (retriesFact); each call that hands it a
// function that calls another service is reported there.

// retriesFact marks a function whose loop retries the function passed as
// its parameter Param (0-based) with no growing pause, and tells whether
// it waits at all and whether it gives up.
type retriesFact struct {
	Param   int
	Paced   bool
	Bounded bool
}

func (*retriesFact) AFact() {}

func (f *retriesFact) String() string {
	return fmt.Sprintf("retries param %d (paced %t, bounded %t)", f.Param, f.Paced, f.Bounded)
}

// calledParam returns the function declaration whose parameter a call in
// the loop at cur calls (fn() in func Retry(fn func() error)), and the
// parameter's index; -1 when the call is of anything else. A loop in a
// function literal is not the declaration's: its parameters are no one
// else's to pass.
func (c *checker) calledParam(cur inspector.Cursor, call *ast.CallExpr) (*types.Func, int) {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil, -1
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok {
		return nil, -1
	}
	for encl := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		fd, ok := encl.Node().(*ast.FuncDecl)
		if !ok {
			return nil, -1
		}
		fn, _ := c.info.Defs[fd.Name].(*types.Func)
		if fn == nil {
			return nil, -1
		}
		params := fn.Signature().Params()
		for i := range params.Len() {
			if params.At(i) == v && c.written(v, fd.Body) == 0 {
				return fn, i
			}
		}
		return nil, -1
	}
	return nil, -1
}

// written counts the assignments to v in a body: a parameter that is
// replaced (fn = wrap(fn)) is no longer what the caller handed.
func (c *checker) written(v *types.Var, body *ast.BlockStmt) int {
	n := 0
	ast.Inspect(body, func(node ast.Node) bool {
		if as, ok := node.(*ast.AssignStmt); ok {
			for _, lhs := range as.Lhs {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && c.info.ObjectOf(id) == v {
					n++
				}
			}
		}
		return true
	})
	return n
}

// helperCalls reports the calls of retry helpers (this package's or
// another's, by their retriesFact) that hand them a function that calls
// another service.
func (c *checker) helperCalls() {
	for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn, _ := typeutil.Callee(c.info, call).(*types.Func)
		if fn == nil || report.IsTestCode(c.pass, call.Pos()) {
			continue
		}
		var f retriesFact
		if !c.pass.ImportObjectFact(fn.Origin(), &f) || f.Param >= len(call.Args) || call.Ellipsis.IsValid() {
			continue
		}
		sig := fn.Signature()
		if sig.Variadic() && f.Param >= sig.Params().Len()-1 {
			continue
		}
		arg := ast.Unparen(call.Args[f.Param])
		e, what, label := c.handedEffect(arg)
		if e == nil {
			continue
		}
		if f.Bounded && c.single(cur, 0) {
			continue // one caller at a time retries, a few times: no storm
		}
		how := " (" + strings.Join(append([]string{callName(call), what}, e.Chain...), " → ") + ")"
		c.reportRetry(call, label+" handed to "+callName(call)+" is retried", how, e, f.Paced, f.Bounded)
	}
}

// handedEffect returns how a function handed to a helper reaches another
// service, and how to name it in a chain and in a sentence: a function
// literal, or a function or method value.
func (c *checker) handedEffect(arg ast.Expr) (e *effects.Effect, link, label string) {
	var set effects.Set
	switch a := arg.(type) {
	case *ast.FuncLit:
		set, link, label = c.fx.Lit(a), "func literal", "the func literal"
	case *ast.Ident, *ast.SelectorExpr:
		fn, ok := typeutil.Callee(c.info, &ast.CallExpr{Fun: a}).(*types.Func)
		if !ok {
			return nil, "", ""
		}
		set, link = c.fx.Func(fn), types.ExprString(a)
		label = link
	default:
		return nil, "", ""
	}
	if e := c.service(set); e != nil {
		return e, link, label
	}
	return nil, "", ""
}

// retriesFuncs reports whether a function of the package takes a
// function as a parameter: only such a function can be a retry helper.
func retriesFuncs(pass *analysis.Pass) bool {
	for _, name := range pass.Pkg.Scope().Names() {
		if fn, ok := pass.Pkg.Scope().Lookup(name).(*types.Func); ok && takesFunc(fn) {
			return true
		}
		if tn, ok := pass.Pkg.Scope().Lookup(name).(*types.TypeName); ok {
			if named, ok := types.Unalias(tn.Type()).(*types.Named); ok {
				for m := range named.Methods() {
					if takesFunc(m) {
						return true
					}
				}
			}
		}
	}
	return false
}

func takesFunc(fn *types.Func) bool {
	for p := range fn.Signature().Params().Variables() {
		if _, ok := p.Type().Underlying().(*types.Signature); ok {
			return true
		}
	}
	return false
}
