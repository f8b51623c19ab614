package httptimeout

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/modimports"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// A deadline middleware (http.TimeoutHandler, chi's middleware.Timeout,
// echo's ContextTimeout) puts a deadline on the context of every request
// the router it wraps serves. The router is built where the server is
// (package server, or main), and the handlers live in the packages it
// imports, which do not import it: a send under their request's context
// is bounded by a deadline that only the whole program's facts show. As
// readallbody does for a router's body limit, every package says which
// packages of the module it imports, a package that applies a deadline
// middleware says so, and a package with a send under its request's
// context asks, through the engine's second round, whether such a
// package reaches it through the imports.

// importsFact lists the packages of the module a package imports: the
// edges along which a router's deadline reaches the handlers it serves.
type importsFact struct{ modimports.Imports }

func (*importsFact) AFact() {}

// deadlineFact marks a package that puts a deadline middleware in front
// of what it serves: taken to be its router, which serves the handlers
// of the packages it imports, directly or not.
type deadlineFact struct{}

func (*deadlineFact) AFact()         {}
func (*deadlineFact) String() string { return "applies a deadline middleware" }

// wantsDeadlineFact marks a package that looked in the whole program for
// a router with a deadline in front of its handlers: only a package that
// applies one (a deadlineFact) may change its findings, and a program
// where none does is not analyzed a second time.
type wantsDeadlineFact struct{}

func (*wantsDeadlineFact) AFact()         {}
func (*wantsDeadlineFact) String() string { return "wants a router's deadline" }

// Wants reports whether another package's fact says it applies a
// deadline middleware (the engine's wanter).
func (*wantsDeadlineFact) Wants(other analysis.Fact) bool {
	_, ok := other.(*deadlineFact)
	return ok
}

// exportRouting exports the facts every package owes the packages that
// look for a router's deadline, whether or not it sends or serves HTTP
// itself (a command that only wires the router imports no net/http when
// its framework serves): the packages of the module it imports, and
// whether it applies a deadline middleware, which it reports. A library
// the tables describe routes none of the program's requests (echo's
// Timeout wraps what it is given in http.TimeoutHandler): its use is no
// router's, and no package of the program is analyzed again for it.
func exportRouting(pass *analysis.Pass) bool {
	if paths := modimports.Of(pass); len(paths) > 0 {
		pass.ExportPackageFact(&importsFact{modimports.Imports{Paths: paths}})
	}
	if knowledge.Described(pass.Pkg.Path()) || !appliesDeadline(pass) {
		return false
	}
	pass.ExportPackageFact(new(deadlineFact))
	return true
}

// appliesDeadline reports whether the package puts a deadline middleware
// in front of what it serves, outside test code. The middleware is taken
// to cover every route of the package, and of the packages it imports,
// as a router's body limit does for readallbody.
func appliesDeadline(pass *analysis.Pass) bool {
	if !slices.ContainsFunc(pass.Pkg.Imports(), func(p *types.Package) bool { return deadlinePackages[p.Path()] }) {
		return false
	}
	used := false
	for _, obj := range pass.TypesInfo.Uses {
		if fn, ok := obj.(*types.Func); ok && knowledge.DeadlineMiddleware[knowledge.FuncName(fn)] {
			used = true
			break
		}
	}
	if !used {
		return false // most packages: no syntax walk
	}
	for cur := range inspector.New(pass.Files).Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
		if fn != nil && knowledge.DeadlineMiddleware[knowledge.FuncName(fn)] && applied(cur) && !report.IsTestCode(pass, call.Pos()) {
			return true
		}
	}
	return false
}

// deadlinePackages are the packages of knowledge.DeadlineMiddleware.
var deadlinePackages = func() map[string]bool {
	m := make(map[string]bool)
	for name := range knowledge.DeadlineMiddleware {
		m[knowledge.PackageOf(name)] = true
	}
	return m
}()

// routerDeadline reports whether a router puts a deadline middleware in
// front of the package's handlers: the package's own (see
// appliesDeadline), or that of a package of the module that imports it,
// directly or not (a router built in main for handlers of other
// packages). The context of every request its handlers serve then has a
// deadline, and a send under it ends with it. It asks for every
// package's facts, so it is asked only when there is a send to report.
func (c *checker) routerDeadline() bool {
	if c.deadlineMW == 0 {
		c.deadlineMW = -1
		if c.programDeadline() {
			c.deadlineMW = 1
		}
	}
	return c.deadlineMW > 0
}

// programDeadline reports whether a package of the program's module
// that applies a deadline middleware reaches this one through its
// imports. An unrelated server of the module, which does not import it,
// covers nothing here, nor does a library's (another module's) server.
func (c *checker) programDeadline() bool {
	c.pass.ExportPackageFact(new(wantsDeadlineFact))
	imports := make(modimports.Graph)
	var routers []string
	for _, f := range c.pass.AllPackageFacts() {
		if in, known := report.InModule(c.pass, f.Package.Path()); !in && known {
			continue
		}
		switch fact := f.Fact.(type) {
		case *importsFact:
			imports[f.Package.Path()] = fact.Paths
		case *deadlineFact:
			routers = append(routers, f.Package.Path())
		}
	}
	return imports.Reaches(routers, c.pass.Pkg.Path())
}

// applied reports whether what a call returns goes somewhere (handed to
// Use, called on a handler, served, returned, kept), not dropped.
func applied(cur inspector.Cursor) bool {
	p := cur.Parent()
	for {
		if _, ok := p.Node().(*ast.ParenExpr); !ok {
			break
		}
		p = p.Parent()
	}
	switch n := p.Node().(type) {
	case *ast.ExprStmt:
		return false
	case *ast.AssignStmt:
		for _, l := range n.Lhs {
			if id, ok := l.(*ast.Ident); !ok || id.Name != "_" {
				return true
			}
		}
		return false
	}
	return true
}
