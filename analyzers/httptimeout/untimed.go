package httptimeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// untimedClientFact marks a function that returns an http.Client it
// builds with no Timeout, on a Transport that does not bound both the
// dial and the wait for the response headers (go-cleanhttp's
// DefaultPooledClient): a call of it in another module is reported there,
// where the program chose it, as the literal is in its own.
type untimedClientFact struct{}

func (*untimedClientFact) AFact()         {}
func (*untimedClientFact) String() string { return "returns an http.Client with no timeout" }

// clientResult returns the index of a function's result that is an
// *http.Client, -1 when none is.
func clientResult(fn *types.Func) int {
	res := fn.Signature().Results()
	for i := range res.Len() {
		if knowledge.TypeName(res.At(i).Type()) == "*"+knowledge.ClientTimeout.Type {
			return i
		}
	}
	return -1
}

// returnsUntimed reports whether every return statement of a function of
// the package gives a client built with no timeout.
func (c *checker) returnsUntimed(fn *types.Func, depth int) bool {
	fd := c.reach.Decl(fn)
	idx := clientResult(fn)
	if fd == nil || fd.Body == nil || idx < 0 || depth > maxDepth {
		return false
	}
	untimed, returns := true, 0
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns++
			if len(n.Results) != fn.Signature().Results().Len() || !c.untimedValue(n.Results[idx], depth+1) {
				untimed = false
			}
		}
		return untimed
	})
	return untimed && returns > 0
}

// untimedValue reports whether a client value is built with no timeout:
// a literal, or new(http.Client), that neither sets a Timeout nor has a
// Transport that bounds both waits, nor has one set on what holds it; a
// variable of the function that holds only such a client; a call of a
// function that returns one.
func (c *checker) untimedValue(e ast.Expr, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		return e.Op == token.AND && c.untimedValue(e.X, depth+1)
	case *ast.CompositeLit:
		if knowledge.TypeName(c.info.TypeOf(e)) != knowledge.ClientTimeout.Type {
			return false
		}
		cur := c.cursorOf(e)
		holder, _ := c.holder(cur)
		return !c.timedClient(e, holder) && !c.zeroMeansNone(cur)
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok || v.Pkg() != c.pass.Pkg || v.IsField() || v.Parent() == c.pass.Pkg.Scope() || c.set[v][knowledge.ClientTimeout.Fix] {
			return false
		}
		values := c.values(v)
		return len(values) == 1 && c.untimedValue(values[0], depth+1)
	case *ast.CallExpr:
		if c.isNew(e, knowledge.ClientTimeout.Type) {
			holder, _ := c.holder(c.cursorOf(e))
			return holder == nil || !c.set[holder][knowledge.ClientTimeout.Fix]
		}
		fn := typeutil.StaticCallee(c.info, e)
		if fn == nil {
			return false
		}
		if fn.Pkg() == c.pass.Pkg {
			return c.returnsUntimed(fn, depth)
		}
		return c.pass.ImportObjectFact(fn.Origin(), new(untimedClientFact))
	}
	return false
}

// untimedCall reports a call of another module's function that returns a
// client with no timeout (cleanhttp.DefaultPooledClient()), when the
// program sends with it, or hands it on, without setting a Timeout on
// what holds it. A function of the module is reported at its literal.
func (c *checker) untimedCall(cur inspector.Cursor, call *ast.CallExpr) {
	fn := typeutil.StaticCallee(c.info, call)
	if fn == nil || fn.Pkg() == nil || !otherModule(c.pass, fn.Pkg()) || !c.pass.ImportObjectFact(fn.Origin(), new(untimedClientFact)) {
		return
	}
	holder, escapes := c.holder(cur)
	if holder != nil && c.set[holder][knowledge.ClientTimeout.Fix] {
		return
	}
	used, waits, what := c.usedToSend(holder, escapes)
	if !used {
		return
	}
	c.rep.Add(report.Finding{
		Pos: call.Pos(), End: call.End(), Severity: severity(waits),
		Message: fmt.Sprintf("%s returns an http.Client with no Timeout, whose Transport does not bound both the dial and the wait for the response headers: %s; set Timeout on it, or give every request a context with a deadline",
			callName(call), what),
	})
}

// otherModule reports whether a package is of another module than the
// package analyzed. Without module information (GOPATH), a path whose
// first element names a host (github.com/...) is another's, and one
// that does not is the program's.
func otherModule(pass *analysis.Pass, pkg *types.Package) bool {
	if in, known := report.InModule(pass, pkg.Path()); known {
		return !in
	}
	first, _, _ := strings.Cut(pkg.Path(), "/")
	return strings.Contains(first, ".")
}
