// Package callindex indexes a package's calls by the function they call,
// as x/tools' typeindex does: an analyzer that looks for the calls of a
// few functions (a SQL sink, a body reader, a mutex's Lock) asks the
// index for them instead of walking the syntax trees, or requiring a
// heavier analyzer that happens to walk them.
package callindex

import (
	"go/ast"
	"go/types"
	"reflect"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Call is a call of a function or method.
type Call struct {
	Expr *ast.CallExpr
	// Callee is the function called, as typeutil.Callee names it: the
	// interface method for a call through an interface, the instance for
	// a generic function.
	Callee *types.Func
	// Decl is the declaration the call is written in, nil for a call in
	// a package-level initializer.
	Decl *ast.FuncDecl
}

// Index holds the calls of one package. It is read-only: analyzers may
// ask concurrently.
type Index struct {
	calls  []Call                 // in source order
	byFunc map[*types.Func][]Call // keyed by the callee's origin
	byName map[string]*types.Func // knowledge.FuncName → origin
}

// All returns the package's calls of functions and methods, in source
// order: not conversions, builtins or calls of function values.
func (x *Index) All() []Call { return x.calls }

// Of returns the calls of fn (of any instance of it, for a generic
// function), in source order.
func (x *Index) Of(fn *types.Func) []Call { return x.byFunc[fn.Origin()] }

// Named returns the calls of the function the tables name name
// ("(*database/sql.DB).Query"), in source order.
func (x *Index) Named(name string) []Call {
	if fn := x.byName[name]; fn != nil {
		return x.byFunc[fn]
	}
	return nil
}

// Analyzer builds the package's *Index. It reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "callindex",
	Doc:        "callindex: index the calls of a package by the function they call (a helper of crisislint's analyzers)",
	URL:        "https://github.com/crisislint/crisislint/tree/main/internal/callindex",
	Run:        report.Safe(run),
	ResultType: reflect.TypeFor[*Index](),
}

func run(pass *analysis.Pass) (any, error) {
	x := &Index{byFunc: make(map[*types.Func][]Call), byName: make(map[string]*types.Func)}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			decl, _ := d.(*ast.FuncDecl)
			ast.Inspect(d, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func); ok {
						x.calls = append(x.calls, Call{Expr: call, Callee: fn, Decl: decl})
					}
				}
				return true
			})
		}
	}
	for _, c := range x.calls {
		origin := c.Callee.Origin()
		if x.byFunc[origin] == nil {
			x.byName[knowledge.FuncName(origin)] = origin
		}
		x.byFunc[origin] = append(x.byFunc[origin], c)
	}
	return x, nil
}
