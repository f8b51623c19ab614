package httptimeout

import (
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// A server whose handler serves only an operator's diagnostics (pprof's
// profiles, Prometheus metrics, expvars) is an operator's port, opened
// to debug or scraped from inside the network, not the service's
// listener: a slow client there holds no request of the service's.
// Such a handler is a diagnostic handler itself (promhttp.Handler()), a
// ServeMux of the package whose every registration is one, or
// http.DefaultServeMux (a nil handler) in a package that imports
// net/http/pprof or expvar, which register on it, when no package of the
// program registers a route of its own there.

// routesFact marks a package that registers handlers other than
// diagnostics on http.DefaultServeMux: a server of another package that
// serves DefaultServeMux serves them too.
type routesFact struct{}

func (*routesFact) AFact()         {}
func (*routesFact) String() string { return "registers routes on http.DefaultServeMux" }

// wantsRoutesFact marks a package that serves http.DefaultServeMux with
// only diagnostics registered in it and its dependencies: Whole when a
// package it does not import may register routes in the program (it is
// no command, whose imports are the program).
type wantsRoutesFact struct{ Whole bool }

func (*wantsRoutesFact) AFact() {}
func (f *wantsRoutesFact) String() string {
	if f.Whole {
		return "wants the packages that register routes on http.DefaultServeMux"
	}
	return "serves http.DefaultServeMux, a command"
}

// Wants reports whether another package's fact says it registers routes
// on DefaultServeMux (the engine's wanter).
func (f *wantsRoutesFact) Wants(other analysis.Fact) bool {
	_, ok := other.(*routesFact)
	return ok && f.Whole
}

// collectMuxes indexes the uses of the package's ServeMux variables and
// records whether it registers a route other than a diagnostic on
// http.DefaultServeMux, exporting a fact that says so.
func (c *checker) collectMuxes() {
	c.muxUses = make(map[*types.Var][]inspector.Cursor)
	for cur := range c.insp.Root().Preorder((*ast.Ident)(nil), (*ast.CallExpr)(nil)) {
		if report.IsTestCode(c.pass, cur.Node().Pos()) {
			continue
		}
		switch n := cur.Node().(type) {
		case *ast.Ident:
			if v, ok := c.info.Uses[n].(*types.Var); ok && isServeMux(v.Type()) {
				c.muxUses[v] = append(c.muxUses[v], cur)
			}
		case *ast.CallExpr:
			fn, _ := typeutil.Callee(c.info, n).(*types.Func)
			if fn == nil {
				continue
			}
			i, ok := knowledge.MuxRegisters[knowledge.FuncName(fn)]
			if !ok || i >= len(n.Args) {
				continue
			}
			if fn.Signature().Recv() != nil {
				sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
				if !ok || !c.isDefaultMux(sel.X) {
					continue // a mux of the program's: judged where it is served
				}
			}
			if !c.diagnosticHandler(n.Args[i], 0) {
				c.defaultRoutes = true
			}
		}
	}
	// net/http/pprof's own registrations are diagnostics by definition.
	if c.defaultRoutes && !knowledge.DiagnosticPackages[c.pass.Pkg.Path()] {
		c.pass.ExportPackageFact(new(routesFact))
	}
}

func isServeMux(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	return knowledge.TypeName(t) == knowledge.ServeMuxType
}

func (c *checker) isDefaultMux(e ast.Expr) bool {
	v, ok := c.holderOf(e).(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path()+"."+v.Name() == knowledge.DefaultServeMux && v.Parent() == v.Pkg().Scope()
}

// servesDiagnostics reports whether a server's handler (nil when the
// server has none) serves only an operator's diagnostics.
func (c *checker) servesDiagnostics(h ast.Expr) bool {
	if h == nil || c.info.Types[h].IsNil() || c.isDefaultMux(h) {
		return c.defaultMuxDiagnostics()
	}
	return c.diagnosticHandler(h, 0)
}

// diagnosticHandler reports whether a handler serves only diagnostics: a
// diagnostic handler function (pprof.Index), a call that returns one
// (promhttp.Handler()), a wrapper of one, or a ServeMux of the package
// whose every registration is one.
func (c *checker) diagnosticHandler(e ast.Expr, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.SelectorExpr:
		id, ok := e.(*ast.Ident)
		if sel, isSel := e.(*ast.SelectorExpr); isSel {
			id, ok = sel.Sel, true
		}
		if !ok {
			return false
		}
		switch obj := c.info.Uses[id].(type) {
		case *types.Func:
			return knowledge.DiagnosticHandlers[knowledge.FuncName(obj)]
		case *types.Var:
			if obj.Pkg() != c.pass.Pkg || obj.IsField() {
				return false
			}
			if isServeMux(obj.Type()) {
				return c.diagnosticMux(obj, depth)
			}
			// h := promhttp.Handler(): a variable given one value.
			if ws := c.index.Writes(obj); len(ws) == 1 && ws[0].Kind == strexpr.Assign && ws[0].RHS != nil {
				return c.diagnosticHandler(ws[0].RHS, depth+1)
			}
		}
	case *ast.CallExpr:
		if tv := c.info.Types[e.Fun]; tv.IsType() && len(e.Args) == 1 {
			return c.diagnosticHandler(e.Args[0], depth+1) // http.HandlerFunc(pprof.Index)
		}
		fn, _ := typeutil.Callee(c.info, e).(*types.Func)
		if fn == nil {
			return false
		}
		name := knowledge.FuncName(fn)
		if knowledge.DiagnosticHandlers[name] {
			return true
		}
		if i, ok := knowledge.DiagnosticWrappers[name]; ok && i < len(e.Args) {
			return c.diagnosticHandler(e.Args[i], depth+1)
		}
	}
	return false
}

// diagnosticMux reports whether a ServeMux variable of the package (not
// exported, where other packages may register on it) is made here
// (http.NewServeMux()), registers at least one handler and only
// diagnostic ones, and goes nowhere but to the servers that serve it.
func (c *checker) diagnosticMux(v *types.Var, depth int) bool {
	if v.Exported() && v.Parent() == v.Pkg().Scope() {
		return false
	}
	if _, param := c.index.Param(v); param || c.index.Receiver(v) {
		return false
	}
	ws := c.index.Writes(v)
	if len(ws) == 0 {
		return false
	}
	for _, w := range ws {
		if !w.Sets() || !c.newMux(w.RHS) {
			return false
		}
	}
	regs := 0
	for _, use := range c.muxUses[v] {
		parent := use.Parent()
		if as, ok := parent.Node().(*ast.AssignStmt); ok && isLHS(as, use.Node()) {
			continue // a write, judged above
		}
		if c.servedHandler(use) {
			continue
		}
		sel, ok := parent.Node().(*ast.SelectorExpr)
		if !ok || sel.X != use.Node() {
			return false // handed on: others may register on it
		}
		call, ok := parent.Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun != sel {
			return false
		}
		fn, _ := typeutil.Callee(c.info, call).(*types.Func)
		if fn == nil {
			return false
		}
		i, ok := knowledge.MuxRegisters[knowledge.FuncName(fn)]
		if !ok {
			continue // mux.ServeHTTP, mux.Handler(r): no route
		}
		if i >= len(call.Args) || !c.diagnosticHandler(call.Args[i], depth+1) {
			return false
		}
		regs++
	}
	return regs > 0
}

// newMux reports whether an expression makes an empty ServeMux.
func (c *checker) newMux(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if fn, _ := typeutil.Callee(c.info, e).(*types.Func); fn != nil {
			return knowledge.ServeMuxMakers[knowledge.FuncName(fn)]
		}
		id, ok := ast.Unparen(e.Fun).(*ast.Ident)
		return ok && c.info.Uses[id] == types.Universe.Lookup("new") && isServeMux(c.info.TypeOf(e))
	case *ast.UnaryExpr:
		lit, ok := ast.Unparen(e.X).(*ast.CompositeLit)
		return ok && len(lit.Elts) == 0 && isServeMux(c.info.TypeOf(lit))
	}
	return false
}

// servedHandler reports whether the use of a mux at cur is the handler
// of a server: the Handler of an http.Server literal, the handler
// argument of http.ListenAndServe and its kin.
func (c *checker) servedHandler(cur inspector.Cursor) bool {
	switch p := cur.Parent().Node().(type) {
	case *ast.KeyValueExpr:
		id, ok := p.Key.(*ast.Ident)
		lit, isLit := cur.Parent().Parent().Node().(*ast.CompositeLit)
		return ok && isLit && p.Value == cur.Node() && id.Name == "Handler" && knowledge.TypeName(c.info.TypeOf(lit)) == knowledge.ServerTimeout.Type
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(c.info, p).(*types.Func)
		if fn == nil {
			return false
		}
		b, ok := knowledge.BareServes[knowledge.FuncName(fn)]
		return ok && b.Handler < len(p.Args) && p.Args[b.Handler] == cur.Node()
	}
	return false
}

// defaultMuxDiagnostics reports whether http.DefaultServeMux serves only
// diagnostics: the package imports one that registers on it
// (net/http/pprof, expvar), and neither it nor another package of the
// program registers a route of its own there. A command's program is
// what it imports; another package's callers may import more, whose
// facts the engine's second round gives.
func (c *checker) defaultMuxDiagnostics() bool {
	if c.defaultDiag != 0 {
		return c.defaultDiag > 0
	}
	c.defaultDiag = -1
	if c.defaultRoutes {
		return false
	}
	imports := false
	for _, imp := range c.pass.Pkg.Imports() {
		imports = imports || knowledge.DiagnosticPackages[imp.Path()]
	}
	if !imports {
		return false
	}
	command := c.pass.Pkg.Name() == "main"
	c.pass.ExportPackageFact(&wantsRoutesFact{Whole: !command})
	var program map[string]bool
	if command {
		program = make(map[string]bool)
		var visit func(p *types.Package)
		visit = func(p *types.Package) {
			for _, imp := range p.Imports() {
				if !program[imp.Path()] {
					program[imp.Path()] = true
					visit(imp)
				}
			}
		}
		visit(c.pass.Pkg)
	}
	for _, pf := range c.pass.AllPackageFacts() {
		if _, ok := pf.Fact.(*routesFact); ok && (program == nil || program[pf.Package.Path()]) {
			return false
		}
	}
	c.defaultDiag = 1
	return true
}
