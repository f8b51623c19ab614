// Package reqreach tells which functions of a package run while one of
// the package's handlers serves a request: the handlers themselves, the
// functions and methods of the package they call, directly or through
// others, the function literals those run, and the goroutines they
// start. It is built on the public API of effects (the calls a function
// makes when it runs) and reqpath (the handlers); it belongs in effects,
// and is kept apart only until effects is restructured.
//
// A function of another package called from a handler is not reached: it
// is analyzed in its own package, which cannot know it.
package reqreach

import (
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/reqpath"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Origin says how a function is reached from a handler.
type Origin struct {
	// Handler is one handler that reaches it.
	Handler *reqpath.Handler
	// Waits is set when the handler waits for it: no goroutine stands
	// between them.
	Waits bool
}

// Reach holds the functions of a package reached from its handlers.
type Reach struct {
	pass    *analysis.Pass
	fx      *effects.Result
	rp      *reqpath.Result
	decls   map[*types.Func]*ast.FuncDecl
	reached map[ast.Node]Origin
}

// New returns the reach of the pass's package. The functions reached are
// found on the first question: most packages never ask.
func New(pass *analysis.Pass, rp *reqpath.Result, fx *effects.Result) *Reach {
	r := &Reach{pass: pass, fx: fx, rp: rp, decls: make(map[*types.Func]*ast.FuncDecl)}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					r.decls[fn] = fd
				}
			}
		}
	}
	return r
}

// compute walks from the handlers: those the handler waits for first, so
// that a function reached both ways is known as waited for.
func (r *Reach) compute() {
	r.reached = make(map[ast.Node]Origin)
	var async []started
	for _, h := range r.rp.Handlers() {
		r.walk(h.Node, Origin{Handler: h, Waits: true}, &async)
	}
	for len(async) > 0 {
		s := async[0]
		async = async[1:]
		r.walk(s.node, Origin{Handler: s.by}, &async)
	}
}

// Of returns how the function node (an *ast.FuncDecl or *ast.FuncLit) is
// reached from a handler, if it is.
func (r *Reach) Of(node ast.Node) (Origin, bool) {
	if r.reached == nil {
		r.compute()
	}
	o, ok := r.reached[node]
	return o, ok
}

// started is a function run by a go statement on the request path.
type started struct {
	node ast.Node
	by   *reqpath.Handler
}

// walk marks node and what it runs as reached with origin o; the
// goroutines it starts are queued on async, reached without waiting.
func (r *Reach) walk(node ast.Node, o Origin, async *[]started) {
	if old, ok := r.reached[node]; ok && (old.Waits || !o.Waits) {
		return
	}
	r.reached[node] = o
	for _, call := range r.fx.Calls(node) {
		for _, n := range r.Runs(call) {
			r.walk(n, o, async)
		}
	}
	ast.Inspect(body(node), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // run or stored: walked through the call that runs it
		case *ast.GoStmt:
			for _, m := range r.Runs(n.Call) {
				*async = append(*async, started{m, o.Handler})
			}
		}
		return true
	})
}

// Runs returns the functions of the package a call runs: the function or
// method it calls, the literal it calls, the literals it is handed to run
// (a callback, not a function it only stores).
func (r *Reach) Runs(call *ast.CallExpr) []ast.Node {
	var out []ast.Node
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		out = append(out, lit)
	} else if fn, ok := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func); ok {
		if fd := r.decls[fn.Origin()]; fd != nil {
			out = append(out, fd)
		}
	}
	if !r.fx.Stores(call) {
		for _, a := range call.Args {
			if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok && r.rp.Of(lit) == nil {
				out = append(out, lit)
			}
		}
	}
	return out
}

// Decl returns the declaration of a function of the package, or nil.
func (r *Reach) Decl(fn *types.Func) *ast.FuncDecl { return r.decls[fn.Origin()] }

func body(node ast.Node) *ast.BlockStmt {
	switch n := node.(type) {
	case *ast.FuncDecl:
		return n.Body
	case *ast.FuncLit:
		return n.Body
	}
	return nil
}
