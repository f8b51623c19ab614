package httptimeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/returns"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Servers that are not net/http's (fasthttp's, and fiber's, built on it)
// set a connection's read deadline only when their configuration sets
// ReadTimeout (knowledge.ReadServers): with none, a client that sends its
// request slowly holds the connection forever. Such a server is judged
// where it is served (app.Listen(addr), srv.ListenAndServe(addr)): what
// it serves is followed back to where it was configured (a literal of the
// configuration, a constructor given none, a zero value) through the
// package's variables, fields and functions, and other packages'
// functions through facts, and reported there. A server built and never
// served (an app a test drives) is not reported; one whose configuration
// comes from where this analysis cannot see (a parameter, another
// package's function that says nothing) is trusted.

// noReadTimeoutFact marks a function that returns a server, or a server's
// configuration, with no ReadTimeout (a constructor that returns
// fiber.New()): a caller that serves what it gives is reported there.
type noReadTimeoutFact struct {
	Chain string // "fiber.New() with no Config"
}

func (*noReadTimeoutFact) AFact() {}
func (f *noReadTimeoutFact) String() string {
	return "returns a server with no read timeout: " + f.Chain
}

// readSite is where a server that sets no read deadline was configured:
// a node of the package (at), or, when at is nil, a function of another
// package whose fact says it returns one; what describes it, and config
// names the configuration a constructor given none should be given.
type readSite struct {
	at     ast.Node
	what   string
	config string
}

// The tables, and by function name.
var readServers, readServes, readBare = func() (all []*knowledge.ReadServer, serves, bare map[string]*knowledge.ReadServer) {
	serves = make(map[string]*knowledge.ReadServer)
	bare = make(map[string]*knowledge.ReadServer)
	for i := range knowledge.ReadServers {
		rs := &knowledge.ReadServers[i]
		all = append(all, rs)
		for name := range rs.Serves {
			serves[name] = rs
		}
		for name := range rs.Bare {
			bare[name] = rs
		}
	}
	return all, serves, bare
}()

// readServerPackage reports whether a package path is one of a server
// the tables describe.
func readServerPackage(path string) bool {
	for _, rs := range knowledge.ReadServers {
		if knowledge.PackageOf(rs.Rule.Type) == path {
			return true
		}
	}
	return false
}

// readServe reports a call that serves a server that is not net/http's
// with no read deadline: at the call for a bare serve
// (fasthttp.ListenAndServe(addr, h)) or a server another package's
// function configured, at the literal or constructor call that
// configured it otherwise.
func (c *checker) readServe(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func, name string) bool {
	if readBare[name] == nil && readServes[name] == nil {
		return false
	}
	addr := -1
	if len(call.Args) > 0 && types.Identical(c.info.TypeOf(call.Args[0]), types.Typ[types.String]) {
		addr = 0
	}
	if addr >= 0 && c.loopback(call.Args[addr]) {
		return true
	}
	consequence := fmt.Sprintf("%s then sets no read deadline: a client that sends its request slowly holds a connection and a goroutine forever (Slowloris), until the server runs out of them", fn.Pkg().Name())
	if rs := readBare[name]; rs != nil {
		typ := configName(fn.Pkg(), rs)
		c.servesWith(cur, call, callName(call)+" with no "+rs.Rule.Fix, addr,
			fmt.Sprintf("serve its handler with a %s that sets %s instead", typ, rs.Rule.Fix))
		c.rep.Add(report.Finding{
			Pos: call.Pos(), End: call.End(), Severity: report.Warning,
			Message: fmt.Sprintf("%s serves with a %s of no %s: %s; serve with a %s that sets it (%s: %s)",
				callName(call), typ, rs.Rule.Fix, consequence, typ, rs.Rule.Fix, rs.Rule.FixValue),
		})
		return true
	}
	rs := readServes[name]
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return true
	}
	sites := c.readSites(rs, sel.X, 0)
	if len(sites) == 0 {
		return true
	}
	setting := fmt.Sprintf("%s (%s: %s; it bounds reading the whole request, body included)", rs.Rule.Fix, rs.Rule.Fix, rs.Rule.FixValue)
	c.servesWith(cur, call, callName(call)+" → "+sites[0].what, addr,
		fmt.Sprintf("serve with a server that sets %s instead", rs.Rule.Fix))
	fromFact := false
	for _, s := range sites {
		if s.at == nil {
			if !fromFact {
				c.rep.Add(report.Finding{
					Pos: call.Pos(), End: call.End(), Severity: report.Warning,
					Message: fmt.Sprintf("%s serves a server with no %s (%s): %s; set %s where it is configured",
						callName(call), rs.Rule.Fix, s.what, consequence, setting),
				})
			}
			fromFact = true
			continue
		}
		if c.readReported[s.at] {
			continue
		}
		c.readReported[s.at] = true
		remedy := "set " + setting
		if s.config != "" {
			remedy = "give it a " + s.config + " that sets " + setting
		}
		c.rep.Add(report.Finding{
			Pos: s.at.Pos(), End: s.at.End(), Severity: report.Warning,
			Message: fmt.Sprintf("%s, and %s serves it: %s; %s", s.what, callName(call), consequence, remedy),
		})
	}
	return true
}

// readSites returns where the server (or the configuration) e evaluates
// to was configured with no read deadline, when every way it can be
// built is such; nil when one sets the deadline or this analysis cannot
// see.
func (c *checker) readSites(rs *knowledge.ReadServer, e ast.Expr, depth int) []readSite {
	if depth > maxDepth {
		return nil
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return c.readSites(rs, e.X, depth+1)
		}
	case *ast.CompositeLit:
		if knowledge.TypeName(c.info.TypeOf(e)) != rs.Rule.Type {
			return nil
		}
		holder, _ := c.holder(c.cursorOf(e))
		if slices.ContainsFunc(rs.Rule.Any, func(f string) bool { return c.setIn(e, holder, f) }) {
			return nil
		}
		return []readSite{{at: e, what: types.TypeString(c.info.TypeOf(e), qualifier) + " without " + rs.Rule.Fix}}
	case *ast.CallExpr:
		return c.calledReadSites(rs, e, depth)
	case *ast.Ident, *ast.SelectorExpr:
		v, ok := c.holderOf(e).(*types.Var)
		if !ok || v.Pkg() != c.pass.Pkg || c.readConfigured(rs, v) {
			return nil
		}
		var values []ast.Expr
		if v.IsField() {
			values = c.fields[v]
		} else if _, param := c.index.Param(v); !param && !c.index.Receiver(v) {
			if c.zeroOnly(v) && len(c.index.Writes(v)) > 0 {
				// var srv fasthttp.Server: the zero configuration.
				return []readSite{{at: e, what: "the zero " + types.TypeString(v.Type(), qualifier) + " " + v.Name() + " has no " + rs.Rule.Fix}}
			}
			values = c.values(v)
		}
		return c.allReadSites(rs, values, depth)
	}
	return nil
}

// allReadSites returns the sites of every value, or nil when one is
// configured or cannot be seen.
func (c *checker) allReadSites(rs *knowledge.ReadServer, values []ast.Expr, depth int) []readSite {
	var out []readSite
	for _, v := range values {
		if v == nil {
			return nil
		}
		s := c.readSites(rs, v, depth+1)
		if len(s) == 0 {
			return nil
		}
		out = append(out, s...)
	}
	return out
}

// calledReadSites returns the sites of what a call gives: new(T), a
// maker given no configuration or one of the sites, a function of the
// package whose every return is one, a function of another package whose
// fact says so.
func (c *checker) calledReadSites(rs *knowledge.ReadServer, call *ast.CallExpr, depth int) []readSite {
	if c.isNew(call, rs.Rule.Type) {
		holder, _ := c.holder(c.cursorOf(call))
		if holder != nil && c.readConfigured(rs, holder) {
			return nil
		}
		return []readSite{{at: call, what: "new(" + types.TypeString(c.info.TypeOf(call).(*types.Pointer).Elem(), qualifier) + ") has no " + rs.Rule.Fix}}
	}
	fn := typeutil.StaticCallee(c.info, call)
	if fn == nil {
		return nil
	}
	name := knowledge.FuncName(fn)
	if i, ok := rs.Makers[name]; ok {
		if i >= len(call.Args) {
			return []readSite{{at: call, what: types.ExprString(call) + " configures no " + rs.Rule.Fix,
				config: configName(fn.Pkg(), rs)}}
		}
		if call.Ellipsis.IsValid() {
			return nil // fiber.New(cfgs...)
		}
		return c.readSites(rs, call.Args[i], depth+1)
	}
	if fn.Pkg() != c.pass.Pkg {
		var f noReadTimeoutFact
		if fn.Pkg() != nil && c.pass.ImportObjectFact(fn.Origin(), &f) {
			return []readSite{{what: callName(call) + " → " + f.Chain}}
		}
		return nil
	}
	return c.returnedReadSites(rs, fn, depth)
}

// returnedReadSites returns the sites of what a function of the package
// returns, when every return statement gives one.
func (c *checker) returnedReadSites(rs *knowledge.ReadServer, fn *types.Func, depth int) []readSite {
	fd := c.reach.Decl(fn)
	res := fn.Signature().Results()
	if fd == nil || fd.Body == nil || res.Len() == 0 || depth > maxDepth {
		return nil
	}
	idx := slices.IndexFunc(slices.Collect(res.Variables()), func(v *types.Var) bool { return readTracked(rs, v.Type()) })
	if idx < 0 {
		return nil
	}
	values := returns.Values(fd.Body, res.Len(), idx) // nil: a bare return, or a call's results
	if len(values) == 0 {
		return nil
	}
	return c.allReadSites(rs, values, depth)
}

// readTracked reports whether t is a server of rs, its configuration, or
// what its makers return.
func readTracked(rs *knowledge.ReadServer, t types.Type) bool {
	name := strings.TrimPrefix(knowledge.TypeName(t), "*")
	return name == rs.Rule.Type || name == rs.Made
}

// readConfigured reports whether the package sets the read deadline on
// what a variable or field holds (srv.ReadTimeout = d, cfg.ReadTimeout =
// d), or on the server inside it (app.Server().ReadTimeout = d), or
// hands that server on, where it may be set (configure(app.Server())).
func (c *checker) readConfigured(rs *knowledge.ReadServer, holder types.Object) bool {
	if slices.ContainsFunc(rs.Rule.Any, func(f string) bool { return c.set[holder][f] }) {
		return true
	}
	for _, use := range c.uses[holder] {
		expr := holderExpr(use)
		sel, ok := expr.Parent().Node().(*ast.SelectorExpr)
		if !ok || sel.X != expr.Node() {
			continue
		}
		call := expr.Parent().Parent()
		if n, ok := call.Node().(*ast.CallExpr); !ok || n.Fun != sel {
			continue
		}
		inner := innerServer(c.info.TypeOf(call.Node().(ast.Expr)))
		if inner == nil {
			continue
		}
		field, ok := call.Parent().Node().(*ast.SelectorExpr)
		if !ok {
			return true // the server handed on
		}
		if as, ok := call.Parent().Parent().Node().(*ast.AssignStmt); ok && isLHS(as, field) && inner.Rule.Set(field.Sel.Name) {
			return true
		}
		// app.Server().Shutdown(), app.Server().MaxConnsPerIP = n: no read deadline.
	}
	return false
}

// innerServer returns the server of the tables whose configuration is
// its own type (a *fasthttp.Server), when t is one.
func innerServer(t types.Type) *knowledge.ReadServer {
	if t == nil {
		return nil
	}
	name := strings.TrimPrefix(knowledge.TypeName(t), "*")
	for _, rs := range readServers {
		if rs.Made == "" && rs.Rule.Type == name {
			return rs
		}
	}
	return nil
}

// exportReadFacts gives the package's exported functions that return a
// server, or a configuration, with no read deadline a fact that says so.
func (c *checker) exportReadFacts() {
	if !slices.ContainsFunc(c.pass.Pkg.Imports(), func(p *types.Package) bool { return readServerPackage(p.Path()) }) {
		return // its functions cannot name the types
	}
	for _, f := range c.pass.Files {
		if report.IsTestCode(c.pass, f.Pos()) {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			fn, ok := c.info.Defs[fd.Name].(*types.Func)
			if !ok || !fn.Exported() {
				continue
			}
			for _, rs := range readServers {
				if sites := c.returnedReadSites(rs, fn, 0); len(sites) > 0 {
					c.pass.ExportObjectFact(fn, &noReadTimeoutFact{Chain: sites[0].what})
					break
				}
			}
		}
	}
}

// configName returns the name of a server's configuration type as the
// program writes it (fasthttp.Server, fiber.Config): pkg is the package
// of a function of the server's, which declares the type.
func configName(pkg *types.Package, rs *knowledge.ReadServer) string {
	return pkg.Name() + "." + rs.Rule.Type[strings.LastIndex(rs.Rule.Type, ".")+1:]
}

// qualifier writes a type's package by its name: fiber.Config.
func qualifier(p *types.Package) string { return p.Name() }
