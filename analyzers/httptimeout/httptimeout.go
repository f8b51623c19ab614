package httptimeout

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/reqpath"
	"github.com/crisislint/crisislint/internal/reqreach"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer reports HTTP clients and servers that can wait forever.
var Analyzer = &analysis.Analyzer{
	Name:      "httptimeout",
	Doc:       Doc.String(),
	URL:       Doc.URL(),
	Requires:  []*analysis.Analyzer{effects.Analyzer, reqpath.Analyzer},
	Run:       report.Guard(run),
	FactTypes: []analysis.Fact{new(defaultClientFact), new(transportFact), new(untimedClientFact), new(timeoutsFact), new(servesFact), new(ctxSendFact), new(routesFact), new(wantsRoutesFact), new(setterCallsFact), new(wantsSettersFact), new(importsFact), new(deadlineFact), new(wantsDeadlineFact), new(noReadTimeoutFact)},
}

// defaultClientFact marks a function that returns http.DefaultClient, or a
// package-level variable that holds it: a send on what it gives is a send
// on a client with no timeout, reported where it is made.
type defaultClientFact struct{}

func (*defaultClientFact) AFact()         {}
func (*defaultClientFact) String() string { return "gives http.DefaultClient" }

// transportFact marks a function that returns a transport that does not
// bound both the dial and the wait for the response headers
// (go-cleanhttp's DefaultPooledTransport, which sets no
// ResponseHeaderTimeout): a client built on what it gives is judged by
// what it bounds, as one built on a literal is.
type transportFact struct{ Dial, Header bool }

func (*transportFact) AFact() {}
func (f *transportFact) String() string {
	return fmt.Sprintf("returns a transport that bounds the dial: %t, the response headers: %t", f.Dial, f.Header)
}

// timeoutsFact marks a function that sets the read or header timeout of
// the server its parameter Param points to (ory/graceful's WithDefaults,
// where the caller left them zero): a server literal handed to it gets
// one, which its own code says.
type timeoutsFact struct{ Param int }

func (*timeoutsFact) AFact() {}
func (f *timeoutsFact) String() string {
	return fmt.Sprintf("sets the timeouts of the server of parameter %d", f.Param)
}

// servesFact marks a function that serves HTTP with a server of no
// timeouts (gin's Engine.Run calls http.ListenAndServe): a call of it in
// another module is reported there, where the program chose it. Addr is
// the parameter that is the address served, -1 when none is. Remedy
// says what to serve with instead, when not net/http's server (a
// fasthttp server's ReadTimeout); empty for net/http's.
type servesFact struct {
	Chain  string // "http.ListenAndServe"
	Addr   int
	Remedy string
}

func (*servesFact) AFact() {}
func (f *servesFact) String() string {
	return fmt.Sprintf("serves with no timeouts: %s", f.Chain)
}

func run(pass *analysis.Pass) (any, error) {
	deadline := exportRouting(pass)
	if !relevant(pass.Pkg) && !factsImported(pass) {
		return nil, nil
	}
	fx := pass.ResultOf[effects.Analyzer].(*effects.Result)
	rp := pass.ResultOf[reqpath.Analyzer].(*reqpath.Result)
	c := &checker{
		pass:    pass,
		info:    pass.TypesInfo,
		index:   fx.Index(),
		reach:   reqreach.New(pass, rp, fx),
		rp:      rp,
		rep:     report.New(pass),
		fields:  make(map[*types.Var][]ast.Expr),
		uses:    make(map[types.Object][]inspector.Cursor),
		set:     make(map[types.Object]map[string]bool),
		zeroed:  make(map[types.Object]map[string]bool),
		returns: make(map[*types.Func]kind),

		ctxFields:  make(map[*types.Var]*ctxField),
		wanted:     make(map[*types.Func]int),
		setterPkgs: make(map[*types.Package]map[string]int),

		readReported: make(map[ast.Node]bool),
	}
	if deadline {
		c.deadlineMW = 1
	}
	c.insp = inspector.New(pass.Files)
	c.collect()
	c.collectHanded()
	c.collectMuxes()
	for cur := range c.insp.Root().Preorder((*ast.CallExpr)(nil), (*ast.CompositeLit)(nil), (*ast.ValueSpec)(nil)) {
		if report.IsTestCode(pass, cur.Node().Pos()) {
			continue
		}
		switch n := cur.Node().(type) {
		case *ast.ValueSpec:
			if len(n.Values) > 0 || n.Type == nil {
				continue
			}
			switch knowledge.TypeName(pass.TypesInfo.TypeOf(n.Type)) {
			case knowledge.ClientTimeout.Type:
				for _, name := range n.Names {
					if v, ok := pass.TypesInfo.Defs[name].(*types.Var); ok && c.zeroOnly(v) {
						c.zeroClient(name, v, false)
					}
				}
			case knowledge.ServerTimeout.Type:
				for _, name := range n.Names {
					if v, ok := pass.TypesInfo.Defs[name].(*types.Var); ok && c.zeroOnly(v) {
						c.zeroServer(cur, name, v, false)
					}
				}
			}
		case *ast.CallExpr:
			switch {
			case c.isNew(n, knowledge.ClientTimeout.Type):
				holder, escapes := c.holder(cur)
				c.zeroClient(n, holder, escapes)
			case c.isNew(n, knowledge.ServerTimeout.Type):
				holder, escapes := c.holder(cur)
				c.zeroServer(cur, n, holder, escapes)
			}
			c.zeroFieldServe(cur, n)
			c.untimedCall(cur, n)
			c.call(cur, n)
		case *ast.CompositeLit:
			switch knowledge.TypeName(pass.TypesInfo.TypeOf(n)) {
			case knowledge.ClientTimeout.Type:
				c.clientLit(cur, n)
			case knowledge.ServerTimeout.Type:
				c.serverLit(cur, n)
			}
		}
	}
	c.exportFacts()
	c.exportSetters()
	c.exportReadFacts()
	c.rep.Flush()
	return nil, nil
}

// factsImported reports whether a package the program analyzed before
// this one has a function that serves with no timeouts, that sends with
// the context its caller gives, or that returns a client with no
// timeout: a package that does not import net/http can call it.
func factsImported(pass *analysis.Pass) bool {
	for _, f := range pass.AllObjectFacts() {
		switch f.Fact.(type) {
		case *servesFact, *ctxSendFact, *untimedClientFact:
			return true
		}
	}
	return false
}

// relevant reports whether the package can send or serve HTTP: it imports
// net/http, a server that is not net/http's, or a client library whose
// constructor sets no timeout.
func relevant(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == "net/http" || readServerPackage(imp.Path()) {
			return true
		}
		for name := range knowledge.UntimedClients {
			if imp.Path() == knowledge.PackageOf(name) {
				return true
			}
		}
	}
	return false
}

type checker struct {
	pass  *analysis.Pass
	info  *types.Info
	insp  *inspector.Inspector
	index *strexpr.Index
	reach *reqreach.Reach
	rp    *reqpath.Result
	rep   *report.Reporter

	// fields holds the values the package stores in each struct field of
	// a client or server type (in a literal or an assignment).
	fields map[*types.Var][]ast.Expr
	// uses holds the uses of each variable or field of a client or server
	// type: the identifiers that name it, at their cursors.
	uses map[types.Object][]inspector.Cursor
	// set holds, per variable or field, the timeout fields assigned to
	// what it holds after it was built (c.Timeout = d), and SetTimeout.
	set map[types.Object]map[string]bool
	// zeroed holds those assigned a constant zero, which is no timeout.
	zeroed map[types.Object]map[string]bool
	// returns memoizes what each function of the package returns.
	returns map[*types.Func]kind
	// handed holds the package's functions that send on
	// http.DefaultClient with the context a parameter gives.
	handed map[*types.Func]*ctxSendFact
	// visiting holds the context parameters whose writes are being read.
	visiting map[*types.Var]bool
	// ctxFields memoizes contextField.
	ctxFields map[*types.Var]*ctxField
	// wanted holds the package's context setters whose calls it asked
	// about, with the index of their context parameter.
	wanted map[*types.Func]int
	// setterPkgs caches the setters other packages asked about.
	setterPkgs map[*types.Package]map[string]int
	// muxUses holds the uses of the package's ServeMux variables.
	muxUses map[*types.Var][]inspector.Cursor
	// defaultRoutes says whether the package registers a route other
	// than a diagnostic on http.DefaultServeMux.
	defaultRoutes bool
	// defaultDiag memoizes defaultMuxDiagnostics: 1 yes, -1 no.
	defaultDiag int8
	// deadlineMW memoizes routerDeadline: 1 yes (at once when the
	// package applies a deadline middleware itself), -1 no.
	deadlineMW int8
	// readReported holds the configurations of servers that are not
	// net/http's reported, once for all the calls that serve them.
	readReported map[ast.Node]bool
}

// tracked reports whether values of type t are clients, servers,
// transports or dialers whose flow the analyzer follows. It is asked of
// every variable the package uses: it compares names without building
// strings.
func tracked(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	return trackedTypes[typeKey{n.Obj().Pkg().Path(), n.Obj().Name()}]
}

type typeKey struct{ pkg, name string }

// trackedTypes are the types of the timeout rules, the clients of the
// libraries whose constructors set no timeout, and the servers that are
// not net/http's and their configurations.
var trackedTypes = func() map[typeKey]bool {
	m := make(map[typeKey]bool)
	add := func(qualified string) {
		dot := strings.LastIndex(qualified, ".")
		m[typeKey{qualified[:dot], qualified[dot+1:]}] = true
	}
	for _, r := range knowledge.TimeoutRules {
		add(r.Type)
	}
	for name := range knowledge.ClientTimeoutSetters {
		recv, _, _ := strings.Cut(strings.TrimPrefix(name, "(*"), ")")
		add(recv)
	}
	for _, rs := range knowledge.ReadServers {
		add(rs.Rule.Type)
		if rs.Made != "" {
			add(rs.Made)
		}
	}
	return m
}()

// collect indexes the package's fields, uses and later timeout settings
// of the values it follows.
func (c *checker) collect() {
	for cur := range c.insp.Root().Preorder((*ast.Ident)(nil), (*ast.AssignStmt)(nil), (*ast.KeyValueExpr)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.Ident:
			if obj, ok := c.info.Uses[n].(*types.Var); ok && tracked(obj.Type()) {
				c.uses[obj] = append(c.uses[obj], cur)
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				if f, ok := c.info.Uses[id].(*types.Var); ok && f.IsField() && tracked(f.Type()) {
					c.fields[f] = append(c.fields[f], n.Value)
				}
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
				if !ok {
					continue
				}
				f, ok := c.info.Uses[sel.Sel].(*types.Var)
				if !ok || !f.IsField() {
					continue
				}
				if tracked(f.Type()) && len(n.Lhs) == len(n.Rhs) {
					c.fields[f] = append(c.fields[f], n.Rhs[i])
				}
				if holder := c.holderOf(sel.X); holder != nil {
					// srv.ReadHeaderTimeout = d, c.Timeout = d; a zero is none.
					c.mark(holder, f.Name(), len(n.Lhs) != len(n.Rhs) || !c.none(n.Rhs[i]))
				}
			}
		case *ast.CallExpr:
			fn, _ := typeutil.Callee(c.info, n).(*types.Func)
			if fn == nil || !knowledge.ClientTimeoutSetters[knowledge.FuncName(fn)] {
				continue
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				if holder := c.holderOf(sel.X); holder != nil {
					c.mark(holder, fn.Name(), len(n.Args) != 1 || !c.none(n.Args[0]))
				}
			}
		}
	}
}

// mark records that a timeout field is assigned on what holder holds;
// timed is false when the value assigned is a constant zero.
func (c *checker) mark(holder types.Object, field string, timed bool) {
	m := c.set
	if !timed {
		m = c.zeroed
	}
	if m[holder] == nil {
		m[holder] = make(map[string]bool)
	}
	m[holder][field] = true
}

// none reports whether a timeout's value is a constant that is no
// timeout: zero (or less) means none to net/http and to the clients
// built on it.
func (c *checker) none(e ast.Expr) bool {
	tv, ok := c.info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Int && constant.Sign(tv.Value) <= 0
}

// holderOf returns the variable or field an expression reads: x, pkg.X,
// s.client; nil for anything else.
func (c *checker) holderOf(e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := c.info.Uses[e].(*types.Var); ok {
			return v
		}
	case *ast.SelectorExpr:
		if v, ok := c.info.Uses[e.Sel].(*types.Var); ok {
			return v
		}
	case *ast.StarExpr:
		return c.holderOf(e.X)
	}
	return nil
}

// call reports the calls that send on a client with no timeout, or serve
// with a server of none.
func (c *checker) call(cur inspector.Cursor, call *ast.CallExpr) {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil {
		return
	}
	name := knowledge.FuncName(fn)
	switch {
	case knowledge.DefaultClientSends[name]:
		if c.defaultTimed() {
			return
		}
		waits := c.waits(cur)
		c.rep.Add(report.Finding{
			Pos: call.Pos(), End: call.End(), Severity: severity(waits),
			Message: fmt.Sprintf("%s sends on http.DefaultClient, which has no timeout: when the service does not answer, the call waits forever%s; use a client with a Timeout",
				callName(call), onPath(waits)),
			Fixes: c.sendFix(cur, call, ast.Unparen(call.Fun)),
		})
	case knowledge.ClientSends[name]:
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || c.origin(sel.X, 0) != defaultClient || c.deadline(call) {
			return
		}
		if _, ok := c.requestParam(call.Args, cur); ok {
			return // the caller's context: reported at the callers that give none with a deadline
		}
		if len(call.Args) == 1 && c.setterBounded(c.requestContext(call.Args[0], 0)) {
			return // every caller of its setter gives it a deadline
		}
		waits := c.waits(cur)
		direct := c.isDefaultClient(sel.X)
		f := report.Finding{
			Pos: call.Pos(), End: call.End(), Severity: severity(waits),
			Message: fmt.Sprintf("%s sends on http.DefaultClient%s, which has no timeout: when the service does not answer, the call waits forever%s; use a client with a Timeout, or give the request a context with a deadline",
				callName(call), via(direct, sel.X), onPath(waits)),
		}
		if len(call.Args) == 1 && c.servedContext(c.requestContext(call.Args[0], 0), 0) {
			if c.routerDeadline() {
				return // the request's context has the deadline of the package's router
			}
			// Under its client's context the call ends when the client
			// leaves; a Timeout would also cut a response streamed back to
			// the client, which the code here cannot rule out: no fix.
			f.Severity = report.Warning
			f.Message = fmt.Sprintf("%s sends on http.DefaultClient%s, which has no timeout, under the context of the request being served: when the service does not answer, the call waits as long as the client does, and a client that never gives up holds it forever; bound the wait for the response headers (a Transport with ResponseHeaderTimeout), or give the request a context with a deadline",
				callName(call), via(direct, sel.X))
			c.rep.Add(f)
			return
		}
		if direct {
			f.Fixes = c.sendFix(cur, call, sel.X)
		} else {
			f.Root, f.Also = "DefaultClient via "+types.ExprString(sel.X), "sends on it"
		}
		c.rep.Add(f)
	case knowledge.UntimedClients[name] != "":
		c.untimedConstructor(cur, call, fn)
	default:
		if c.readServe(cur, call, fn, name) {
			return
		}
		c.handedCall(cur, call)
		if b, ok := knowledge.BareServes[name]; ok && (b.Addr < 0 || !c.loopback(call.Args[b.Addr])) {
			if b.Handler < len(call.Args) && c.servesDiagnostics(call.Args[b.Handler]) {
				return // an operator's port: profiles, metrics
			}
			c.serves(cur, call, callName(call), b.Addr)
			c.rep.Add(report.Finding{
				Pos: call.Pos(), End: call.End(), Severity: report.Warning,
				Message: fmt.Sprintf("%s serves with a server that has no timeouts: a client that sends its request headers slowly holds a connection and a goroutine forever (Slowloris), until the server runs out of them; serve with an http.Server that sets ReadHeaderTimeout",
					callName(call)),
				Fixes: c.serveFix(call, b),
				Peers: knowledge.PeerRules["bare serve"],
			})
			return
		}
		if field, ok := knowledge.FieldServes[name]; ok {
			c.fieldServe(cur, call, fn, field)
			return
		}
		f := servesFact{Chain: knowledge.UntimedServes[name], Addr: -1}
		if f.Chain == "" && !c.pass.ImportObjectFact(fn.Origin(), &f) || f.Addr >= 0 && f.Addr < len(call.Args) && c.loopback(call.Args[f.Addr]) {
			return
		}
		chain := callName(call) + " → " + f.Chain
		c.servesWith(cur, call, chain, f.Addr, f.Remedy)
		if sameModule(c.pass, fn.Pkg()) {
			return // reported in that package, where the server is made
		}
		remedy := f.Remedy
		if remedy == "" {
			remedy = "serve its handler with an http.Server that sets ReadHeaderTimeout instead"
		}
		c.rep.Add(report.Finding{
			Pos: call.Pos(), End: call.End(), Severity: report.Warning,
			Message: fmt.Sprintf("%s serves with a server that has no timeouts (%s): a client that sends its request headers slowly holds a connection and a goroutine forever (Slowloris), until the server runs out of them; %s",
				callName(call), chain, remedy),
		})
	}
}

// fieldServe reports a call that serves the server a field of its
// receiver holds, built by the library with no timeouts (echo v4's
// e.Start serves e.Server), unless the package sets its header or read
// timeout (e.Server.ReadHeaderTimeout = d), replaces it, or hands it on
// to code that may (s := e.Server, configure(e.Server)).
func (c *checker) fieldServe(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func, field string) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) > 0 && c.loopback(call.Args[0]) {
		return
	}
	obj, _, _ := types.LookupFieldOrMethod(fn.Signature().Recv().Type(), true, fn.Pkg(), field)
	v, ok := obj.(*types.Var)
	if !ok {
		return
	}
	if recv := c.holderOf(sel.X); recv != nil {
		for _, use := range c.uses[v] {
			server, ok := use.Parent().Node().(*ast.SelectorExpr)
			if !ok || c.holderOf(server.X) != recv {
				continue // another value's server
			}
			outer, ok := use.Parent().Parent().Node().(*ast.SelectorExpr)
			if !ok || outer.X != server {
				return // the server itself goes somewhere: not e.Server.Addr
			}
			if knowledge.ServerTimeout.Set(outer.Sel.Name) {
				return
			}
		}
	}
	server := types.ExprString(sel.X) + "." + field
	c.serves(cur, call, callName(call)+" → "+server+" without ReadHeaderTimeout", 0)
	c.rep.Add(report.Finding{
		Pos: call.Pos(), End: call.End(), Severity: report.Warning,
		Message: fmt.Sprintf("%s serves %s, which %s builds with no timeouts: a client that sends its request headers slowly holds a connection and a goroutine forever (Slowloris), until the server runs out of them; set %s.ReadHeaderTimeout before serving",
			callName(call), server, fn.Pkg().Name(), server),
		Peers: knowledge.PeerRules["server without timeout"],
	})
}

// returnsServer reports whether the function around cur returns an
// *http.Server.
func (c *checker) returnsServer(cur inspector.Cursor) bool {
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fn, ok := c.info.Defs[fd.Node().(*ast.FuncDecl).Name].(*types.Func)
		if !ok {
			return true
		}
		res := fn.Signature().Results()
		for i := range res.Len() {
			if strings.TrimPrefix(knowledge.TypeName(res.At(i).Type()), "*") == knowledge.ServerTimeout.Type {
				return true
			}
		}
	}
	return false
}

// serves gives the function around a call that serves with no timeouts
// a fact that says so, for the packages that call it. Addr is the
// argument of the call that is the address served; when it is one of the
// function's parameters, the fact names it, so that a caller serving on a
// constant loopback address is left alone.
func (c *checker) serves(cur inspector.Cursor, call *ast.CallExpr, chain string, addr int) {
	c.servesWith(cur, call, chain, addr, "")
}

// servesWith is serves for a server whose remedy is not net/http's.
func (c *checker) servesWith(cur inspector.Cursor, call *ast.CallExpr, chain string, addr int, remedy string) {
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fn, ok := c.info.Defs[fd.Node().(*ast.FuncDecl).Name].(*types.Func)
		if !ok || !fn.Exported() || c.pass.ImportObjectFact(fn, new(servesFact)) {
			return // only another package can call it, where its name is exported
		}
		f := &servesFact{Chain: chain, Addr: -1, Remedy: remedy}
		if call != nil && addr >= 0 && addr < len(call.Args) {
			if id, ok := ast.Unparen(call.Args[addr]).(*ast.Ident); ok {
				if v, ok := c.info.Uses[id].(*types.Var); ok {
					if i, ok := c.index.Param(v); ok {
						f.Addr = i
					}
				}
			}
		}
		c.pass.ExportObjectFact(fn, f)
	}
}

// sameModule reports whether a package is of the module of the package
// analyzed; without module information (GOPATH), only its own package is.
func sameModule(pass *analysis.Pass, pkg *types.Package) bool {
	in, _ := report.InModule(pass, pkg.Path())
	return in || pkg == pass.Pkg
}

// defaultTimed reports whether the package sets http.DefaultClient.Timeout.
func (c *checker) defaultTimed() bool {
	for holder, fields := range c.set {
		if isDefaultClientVar(holder) && fields[knowledge.ClientTimeout.Fix] {
			return true
		}
	}
	return false
}

func isDefaultClientVar(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path()+"."+v.Name() == knowledge.DefaultClient && v.Parent() == v.Pkg().Scope()
}

func (c *checker) isDefaultClient(e ast.Expr) bool {
	obj := c.holderOf(e)
	return obj != nil && isDefaultClientVar(obj)
}

// waits reports whether the code at cur runs on the request path of the
// package, with a handler waiting for it.
func (c *checker) waits(cur inspector.Cursor) bool {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		o, ok := c.reach.Of(fn.Node())
		return ok && o.Waits
	}
	return false
}

func severity(waits bool) report.Severity {
	if waits {
		return report.Error
	}
	return report.Warning
}

func onPath(waits bool) string {
	if waits {
		return ", and so does the request that made it"
	}
	return ""
}

func via(direct bool, x ast.Expr) string {
	if direct {
		return ""
	}
	return " (through " + types.ExprString(x) + ")"
}

// clientLit reports an http.Client literal that bounds no call made with
// it, when something sends with it.
func (c *checker) clientLit(cur inspector.Cursor, lit *ast.CompositeLit) {
	holder, escapes := c.holder(cur)
	if c.timedClient(lit, holder) || c.zeroMeansNone(cur) {
		return
	}
	c.untimedClient(lit, lit, holder, escapes)
}

// zeroClient reports a zero http.Client (var c http.Client,
// new(http.Client)) that something sends with, unless a Timeout is set
// on what holds it: an empty literal by another name.
func (c *checker) zeroClient(at ast.Node, holder types.Object, escapes bool) {
	if c.timedClient(&ast.CompositeLit{}, holder) {
		return
	}
	c.untimedClient(at, nil, holder, escapes)
}

// zeroOnly reports whether a variable declared without a value is given
// none later: c = http.Client{...} or c = *other is judged where it is.
func (c *checker) zeroOnly(v *types.Var) bool {
	for _, w := range c.index.Writes(v) {
		if w.RHS != nil || w.Kind != strexpr.Assign {
			return false
		}
	}
	return true
}

// isNew reports whether a call is new(T) of the type named typ:
// new(http.Client), new(http.Server).
func (c *checker) isNew(call *ast.CallExpr, typ string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	return ok && c.info.Uses[id] == types.Universe.Lookup("new") && knowledge.TypeName(c.info.TypeOf(call)) == "*"+typ
}

// untimedClient reports a client built at node with no timeout when
// something sends with it: kept in holder, or escaping. lit is the
// literal a fix may add the Timeout to, or nil.
func (c *checker) untimedClient(at ast.Node, lit *ast.CompositeLit, holder types.Object, escapes bool) {
	used, waits, what := c.usedToSend(holder, escapes)
	if !used {
		return
	}
	f := report.Finding{
		Pos: at.Pos(), End: at.End(), Severity: severity(waits),
		Message: fmt.Sprintf("http.Client built without a Timeout, and its Transport does not bound both the dial and the wait for the response headers: %s; set Timeout, or give every request a context with a deadline",
			what),
	}
	if lit == nil {
		f.Message = fmt.Sprintf("the zero http.Client has no Timeout, and its Transport (http.DefaultTransport) does not bound the wait for the response headers: %s; build it with a Timeout, or give every request a context with a deadline",
			what)
	} else if !escapes && c.readWhole(holder) {
		// A Timeout bounds reading the body too: only where every
		// response is read whole is it right at run time.
		f.Fixes = c.fieldFix(lit, holder, knowledge.ClientTimeout, "Add a Timeout to the client")
	}
	c.rep.Add(f)
}

// usedToSend reports whether something sends with a client with no
// timeout, kept in holder or escaping, and whether a handler of this
// package waits for it; what is the consequence, for a message.
func (c *checker) usedToSend(holder types.Object, escapes bool) (used, waits bool, what string) {
	used = escapes
	if holder != nil {
		u, w := c.sendsOn(holder)
		used, waits = used || u, w
	}
	what = "a call to a service that does not answer waits forever"
	if waits {
		what += ", and so does the request that made it (a handler of this package sends with it)"
	}
	return used, waits, what
}

// serverLit reports an http.Server literal without a header timeout.
func (c *checker) serverLit(cur inspector.Cursor, lit *ast.CompositeLit) {
	holder, _ := c.holder(cur)
	if slices.ContainsFunc(knowledge.ServerTimeout.Any, func(f string) bool { return c.setIn(lit, holder, f) }) {
		return
	}
	if addr := fieldValue(lit, "Addr"); addr != nil && c.loopback(addr) {
		return
	}
	if !c.set[holder]["Handler"] && !c.zeroed[holder]["Handler"] && c.servesDiagnostics(fieldValue(lit, "Handler")) {
		return // an operator's port: profiles, metrics
	}
	if c.handedToTimeouts(cur, lit) || holder != nil && c.holderToTimeouts(holder) {
		return
	}
	if !c.returnsServer(cur) {
		// A library's Start that builds its server and serves it: its
		// callers in other modules are told (a constructor that returns
		// the server leaves the timeouts to them, and is reported here).
		c.serves(cur, nil, "&http.Server{} without ReadHeaderTimeout", -1)
	}
	c.rep.Add(report.Finding{
		Pos: lit.Pos(), End: lit.End(), Severity: report.Warning,
		Message: "http.Server without ReadHeaderTimeout or ReadTimeout: a client that sends its request headers slowly holds a connection and a goroutine forever (Slowloris), until the server runs out of them; set ReadHeaderTimeout",
		Fixes:   c.fieldFix(lit, holder, knowledge.ServerTimeout, "Add a ReadHeaderTimeout to the server"),
		Peers:   knowledge.PeerRules["server without timeout"],
	})
}

// handedToTimeouts reports whether a server literal is handed, as it is
// or by its address, to a function that sets its timeouts.
func (c *checker) handedToTimeouts(cur inspector.Cursor, lit *ast.CompositeLit) bool {
	var arg ast.Node = lit
	p := cur.Parent()
	if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		arg, p = u, p.Parent()
	}
	call, ok := p.Node().(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(c.info, call).(*types.Func)
	if !ok {
		return false
	}
	i := slices.IndexFunc(call.Args, func(a ast.Expr) bool { return a == arg })
	param, ok := c.setsTimeouts(fn)
	return ok && i == param
}

// holderToTimeouts reports whether the variable or field that holds a
// server is handed, as it is or by its address, to a function that sets
// its timeouts: s := &http.Server{...}; harden(s).
func (c *checker) holderToTimeouts(holder types.Object) bool {
	for _, use := range c.uses[holder] {
		arg, p := use, use.Parent()
		if sel, ok := p.Node().(*ast.SelectorExpr); ok && sel.Sel == use.Node() {
			arg, p = p, p.Parent() // s.srv
		}
		if u, ok := p.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
			arg, p = p, p.Parent()
		}
		call, ok := p.Node().(*ast.CallExpr)
		if !ok {
			continue
		}
		fn, ok := typeutil.Callee(c.info, call).(*types.Func)
		if !ok {
			continue
		}
		i := slices.IndexFunc(call.Args, func(a ast.Expr) bool { return a == arg.Node() })
		if param, ok := c.setsTimeouts(fn); ok && i >= 0 && i == param {
			return true
		}
	}
	return false
}

// setsTimeouts returns the parameter of a function whose server's
// timeouts it sets: from its code in this package, from its fact in
// another.
func (c *checker) setsTimeouts(fn *types.Func) (int, bool) {
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg {
		var f timeoutsFact
		if c.pass.ImportObjectFact(fn, &f) {
			return f.Param, true
		}
		return 0, false
	}
	if fd := c.reach.Decl(fn); fd != nil {
		return c.setsTimeoutsIn(fd)
	}
	return 0, false
}

// setsTimeoutsIn returns the *http.Server parameter of a declaration
// whose ReadHeaderTimeout or ReadTimeout its body assigns.
func (c *checker) setsTimeoutsIn(fd *ast.FuncDecl) (int, bool) {
	if fd.Body == nil {
		return 0, false
	}
	params := make(map[types.Object]int)
	i := 0
	for _, field := range fd.Type.Params.List {
		for _, name := range field.Names {
			if knowledge.TypeName(c.info.TypeOf(name)) == "*"+knowledge.ServerTimeout.Type {
				params[c.info.Defs[name]] = i
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	if len(params) == 0 {
		return 0, false
	}
	param, found := 0, false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || found {
			return !found
		}
		for _, lhs := range as.Lhs {
			sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
			if !ok || !knowledge.ServerTimeout.Set(sel.Sel.Name) {
				continue
			}
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
				if k, ok := params[c.info.Uses[id]]; ok {
					param, found = k, true
				}
			}
		}
		return !found
	})
	return param, found
}

// loopback reports whether a server's address is a constant on the
// loopback interface ("localhost:6060"): no client from outside can hold
// its connections open.
func (c *checker) loopback(addr ast.Expr) bool {
	tv := c.info.Types[addr]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return false
	}
	host, _, err := net.SplitHostPort(constant.StringVal(tv.Value))
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// untimedConstructor reports a client library's constructor whose client
// has no timeout (resty.New()), unless the timeout is set on it: in the
// chain of calls that builds it, or on the variable or field that holds it.
func (c *checker) untimedConstructor(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) {
	setter := knowledge.UntimedClients[knowledge.FuncName(fn)]
	// resty.New().SetBaseURL(u).SetTimeout(d): walk up the chain.
	top := cur
	for {
		sel, ok := top.Parent().Node().(*ast.SelectorExpr)
		if !ok || sel.X != top.Node() {
			break
		}
		callCur := top.Parent().Parent()
		if _, ok := callCur.Node().(*ast.CallExpr); !ok {
			break
		}
		if sel.Sel.Name == setter {
			return
		}
		top = callCur
	}
	holder, escapes := c.holder(top)
	if holder != nil && c.set[holder][setter] {
		return
	}
	if holder == nil && !escapes {
		return
	}
	c.rep.Add(report.Finding{
		Pos: call.Pos(), End: call.End(), Severity: report.Warning,
		Message: fmt.Sprintf("%s builds a client with no timeout: a call to a service that does not answer waits forever; call %s on it",
			callName(call), setter),
		Fixes: c.setterFix(call, setter),
	})
}

func callName(call *ast.CallExpr) string {
	s := types.ExprString(call.Fun)
	if len(s) > 50 {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return sel.Sel.Name
		}
	}
	return s
}

// zeroMeansNone reports whether a client literal is the branch of a
// configured timeout that is zero, which the other branch sets:
//
//	if cfg.RelayTimeout == 0 {
//		client = &http.Client{Transport: t}
//	} else {
//		client = &http.Client{Transport: t, Timeout: time.Duration(cfg.RelayTimeout) * time.Second}
//	}
//
// is Timeout: time.Duration(cfg.RelayTimeout) * time.Second written in
// two, where zero means none as net/http reads it: the operator's
// setting, which a literal with a configured Timeout is too.
func (c *checker) zeroMeansNone(cur inspector.Cursor) bool {
	for ifc := range cur.Enclosing((*ast.IfStmt)(nil)) {
		ifs := ifc.Node().(*ast.IfStmt)
		cond, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if !ok || cond.Op != token.EQL && cond.Op != token.LEQ {
			return false
		}
		setting, zero := cond.X, cond.Y
		if tv := c.info.Types[zero]; tv.Value == nil || tv.Value.Kind() != constant.Int && tv.Value.Kind() != constant.Float || constant.Sign(tv.Value) != 0 {
			return false
		}
		if ifs.Else == nil || !within(cur.Node(), ifs.Body) {
			return false // the literal must be the zero branch
		}
		found := false
		ast.Inspect(ifs.Else, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || knowledge.TypeName(c.info.TypeOf(lit)) != knowledge.ClientTimeout.Type {
				return !found
			}
			if t := fieldValue(lit, knowledge.ClientTimeout.Fix); t != nil && mentions(t, setting) {
				found = true
			}
			return !found
		})
		return found
	}
	return false
}

// mentions reports whether expression e contains x, as written.
func mentions(e, x ast.Expr) bool {
	want := types.ExprString(x)
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if ex, ok := n.(ast.Expr); ok && types.ExprString(ex) == want {
			found = true
		}
		return !found
	})
	return found
}

// within reports whether node n lies inside node outer.
func within(n, outer ast.Node) bool {
	return outer.Pos() <= n.Pos() && n.End() <= outer.End()
}
