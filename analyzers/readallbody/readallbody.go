package readallbody

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/callindex"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/modimports"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/reqpath"
	"github.com/crisislint/crisislint/internal/strexpr"
	"github.com/crisislint/crisislint/internal/varindex"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer reports request bodies read whole into memory with no limit.
var Analyzer = &analysis.Analyzer{
	Name:      "readallbody",
	Doc:       Doc.String(),
	URL:       Doc.URL(),
	Requires:  []*analysis.Analyzer{callindex.Analyzer, reqpath.Analyzer, varindex.Analyzer},
	Run:       report.Guard(run),
	FactTypes: []analysis.Fact{new(readsFact), new(readsPackageFact), new(limiterFact), new(limitsFact), new(importsFact), new(wantsLimitsFact), new(limitReaderFact), new(buffersFact), new(bufferingFact), new(routesFact)},
}

// readsFact marks a function that reads whole, with no limit, the request
// body or uploaded file that reaches it through parameter Param.
type readsFact struct {
	Param int
	// Reader is set when the parameter is the body itself (an io.Reader),
	// not the request or framework context that holds it.
	Reader bool
	Upload bool
	// Handed is set when the function is a handler and the parameter is
	// another request than the one it serves (see handed): its callers'
	// calls are reported, not the read in it.
	Handed bool
	Chain  string // "decode → json.NewDecoder(r.Body)"
}

func (*readsFact) AFact() {}

func (f *readsFact) String() string {
	what := "body"
	if f.Upload {
		what = "upload"
	}
	return fmt.Sprintf("reads %s of parameter %d whole: %s", what, f.Param, f.Chain)
}

// readsPackageFact marks a package that has readsFacts, so that packages
// importing it are analyzed too.
type readsPackageFact struct{}

func (*readsPackageFact) AFact()         {}
func (*readsPackageFact) String() string { return "reads bodies" }

// limiterFact marks a function of the package that bounds the body of
// every request it passes on: a middleware, or a function that puts a
// body limit in front of the router or handler it is given. What it
// covers is decided where it is applied.
type limiterFact struct{}

func (*limiterFact) AFact()         {}
func (*limiterFact) String() string { return "limits bodies" }

// limitReaderFact marks a reader type of the program whose Read stops
// at a limit (see limitingRead): a body replaced by one is limited, as
// by http.MaxBytesReader.
type limitReaderFact struct{}

func (*limitReaderFact) AFact()         {}
func (*limitReaderFact) String() string { return "limits what it reads" }

// limitsFact marks a package that puts a body limit in front of
// handlers of other packages: a router's, which serves the handlers of
// the packages it imports, directly or not (the handlers' package does
// not import the one that builds the server; the whole program's facts
// tell), or one route's, which covers the handlers it names.
type limitsFact struct {
	Router   bool
	Handlers []string // knowledge.FuncName of each handler a route's limit covers
}

func (*limitsFact) AFact() {}

func (f *limitsFact) String() string {
	if f.Router {
		return "applies a body limit"
	}
	return "limits the body of " + strings.Join(f.Handlers, ", ")
}

// importsFact lists the packages of the module a package imports: the
// edges along which a router's limit reaches the handlers it serves.
type importsFact struct{ modimports.Imports }

func (*importsFact) AFact() {}

// wantsLimitsFact marks a package that looked for a body limit in the
// whole program: a driver that analyzes the whole program asks it
// whether another package's facts may change its findings (Wants).
type wantsLimitsFact struct{}

func (*wantsLimitsFact) AFact()         {}
func (*wantsLimitsFact) String() string { return "wants a body limit" }

// Wants reports whether a fact of another package may change the
// package's findings: it applies a body limit, buffers bodies in a
// middleware, or serves routes (see reusable.go).
func (*wantsLimitsFact) Wants(f analysis.Fact) bool {
	switch f.(type) {
	case *limitsFact, *bufferingFact, *routesFact:
		return true
	}
	return false
}

func run(pass *analysis.Pass) (any, error) {
	exportImports(pass)
	web := relevant(pass)
	if !web && !readsWhole(pass) {
		return nil, nil
	}
	c := &checker{
		pass:  pass,
		index: pass.ResultOf[varindex.Analyzer].(*strexpr.Index),
		rp:    pass.ResultOf[reqpath.Analyzer].(*reqpath.Result),
		facts: make(map[*types.Func]*readsFact),
	}
	calls := pass.ResultOf[callindex.Analyzer].(*callindex.Index)
	if !web {
		// A package that handles no request (a util package) sees a body
		// only as a reader it is handed: its helpers that read one whole
		// get facts, and its callers' calls are reported.
		c.calls, c.readersOnly = calls.All(), true
		c.exportReads()
		return nil, nil
	}
	c.collect(calls)
	c.exportReads()
	for fn := range c.limiters {
		pass.ExportObjectFact(fn, new(limiterFact))
	}
	for tn := range c.limitReaders {
		pass.ExportObjectFact(tn, new(limitReaderFact))
	}
	c.collectBuffering()
	c.exportBuffering()
	if c.router || len(c.elsewhere) > 0 {
		pass.ExportPackageFact(&limitsFact{Router: c.router, Handlers: c.elsewhere})
	}
	if c.router {
		return nil, nil // every handler of the package is behind the limit
	}
	c.rep = report.New(pass)
	c.report()
	c.rep.Flush()
	return nil, nil
}

// exportImports says which packages of the program's module the package
// imports: a driver that sees the whole program follows them from a
// package that limits its router's bodies to the handlers'.
func exportImports(pass *analysis.Pass) {
	if paths := modimports.Of(pass); len(paths) > 0 {
		pass.ExportPackageFact(&importsFact{modimports.Imports{Paths: paths}})
	}
}

// exportReads gives facts to the package's helpers that read whole what
// reaches them through a parameter.
func (c *checker) exportReads() {
	// A helper may call a helper: propagate until nothing changes.
	for range 4 {
		if !c.summarize() {
			break
		}
	}
	for fn, f := range c.facts {
		c.pass.ExportObjectFact(fn, f)
	}
	if len(c.facts) > 0 {
		c.pass.ExportPackageFact(new(readsPackageFact))
	}
}

// readsWhole reports whether the package imports a package of a function
// that reads a reader whole (io, encoding/json, ...): one that handles no
// request can still read whole a body it is handed.
func readsWhole(pass *analysis.Pass) bool {
	for _, imp := range pass.Pkg.Imports() {
		if wholeReaderPackages[imp.Path()] {
			return true
		}
	}
	return false
}

// wholeReaderPackages are the packages of knowledge.WholeReaders and
// knowledge.MemoryCopies.
var wholeReaderPackages = func() map[string]bool {
	m := make(map[string]bool)
	for name := range knowledge.WholeReaders {
		m[knowledge.PackageOf(name)] = true
	}
	for name := range knowledge.MemoryCopies {
		m[knowledge.PackageOf(name)] = true
	}
	return m
}()

// relevant reports whether the package can handle requests: it imports
// net/http or a web framework, or a package with readsFacts.
func relevant(pass *analysis.Pass) bool {
	for _, imp := range pass.Pkg.Imports() {
		for _, p := range knowledge.HTTPPackages {
			if imp.Path() == p {
				return true
			}
		}
		if pass.ImportPackageFact(imp, new(readsPackageFact)) {
			return true
		}
	}
	return false
}

type checker struct {
	pass  *analysis.Pass
	index *strexpr.Index
	rp    *reqpath.Result
	calls []callindex.Call
	facts map[*types.Func]*readsFact // helpers of this package that read a body whole
	// readersOnly is set in a package that handles no request: only a
	// reader parameter can bring it a body, and its limits on requests'
	// bodies are not collected.
	readersOnly bool
	limits      []limit // X.Body = http.MaxBytesReader(...) and the like
	router      bool    // the package puts a body limit in front of its router
	// limitReaders are the package's reader types whose Read stops at a
	// limit; limitHelpers its functions that limit the body of the
	// request they are given, with the index of that parameter.
	limitReaders map[*types.TypeName]bool
	limitHelpers map[*types.Func]int
	// limiters are the package's functions that bound the bodies of what
	// they are given or pass on (see limiterFact).
	limiters  map[*types.Func]bool
	covered   map[ast.Node]bool // handlers of the package behind a route's limit
	elsewhere []string          // handlers of other packages behind a route's limit
	konst     *ast.File         // the file that declares maxBodyBytes in fixes
	// buffers are the package's functions that leave a request with an
	// in-memory copy of its body; bufferingMW its middlewares that do it
	// to every request they pass on, with the function whose read they
	// buffer (see reusable.go).
	buffers     map[*types.Func]*buffersFact
	bufferingMW map[*types.Func]string
	rep         *report.Reporter
}

// limit is where the package bounds a request's body: req.Body = a
// limiter, or a call of a function that does it to the request it is
// given (applyBodyLimit(e, n)).
type limit struct {
	node ast.Node
	req  ast.Expr // the request whose body is limited
}

// collect finds the package's calls, where it assigns a limiter to a
// request's body, and where it puts a body limit in front of handlers.
func (c *checker) collect(calls *callindex.Index) {
	c.calls = calls.All()
	c.limitReaders = make(map[*types.TypeName]bool)
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if tn := c.limitingRead(fd); tn != nil {
					c.limitReaders[tn] = true
				}
			}
		}
	}
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if a, ok := n.(*ast.AssignStmt); ok && len(a.Lhs) == 1 && len(a.Rhs) == 1 && c.isBody(a.Lhs[0]) && c.isLimiter(a.Rhs[0]) {
				c.limits = append(c.limits, limit{a, ast.Unparen(a.Lhs[0]).(*ast.SelectorExpr).X})
			}
			return true
		})
	}
	c.limitHelpers = make(map[*types.Func]int)
	for range 4 {
		if !c.helperLimits() {
			break
		}
	}
	c.limiters = make(map[*types.Func]bool)
	for _, fn := range c.middlewares() {
		c.limiters[fn] = true
	}
	// A function of the package that limits what it is given is a
	// limiter for its callers, which may be found before it: look again
	// until no new one turns up.
	for range 4 {
		if !c.applications() {
			break
		}
	}
}

// helperLimits finds the package's functions that limit the body of a
// request parameter (applyBodyLimit(e *core.RequestEvent, n) sets
// e.Request.Body to a limiter) and records their calls as limits of the
// request they are handed. It reports whether it found a new one.
func (c *checker) helperLimits() bool {
	var found []*types.Func
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if fn == nil {
				continue
			}
			if _, seen := c.limitHelpers[fn]; seen {
				continue
			}
			params := fn.Signature().Params()
			for i := range params.Len() {
				if c.limited(fd, params.At(i)) {
					c.limitHelpers[fn] = i
					found = append(found, fn)
					break
				}
			}
		}
	}
	for _, ic := range c.calls {
		if i, ok := c.limitHelpers[ic.Callee]; ok && slices.Contains(found, ic.Callee) && i < len(ic.Expr.Args) {
			c.limits = append(c.limits, limit{ic.Expr, ic.Expr.Args[i]})
		}
	}
	return len(found) > 0
}

// limitingRead returns the type whose Read method fd is, when that Read
// stops at a limit: it counts what it reads in a field of the receiver
// (r.read += n, l.N -= n) and returns an error when a comparison of a
// field says the limit is reached (if r.read > r.limit { return n,
// errTooLarge }). A counting reader that only measures is not a limit.
func (c *checker) limitingRead(fd *ast.FuncDecl) *types.TypeName {
	if fd.Recv == nil || fd.Name.Name != "Read" || fd.Body == nil || len(fd.Recv.List) != 1 || len(fd.Recv.List[0].Names) != 1 {
		return nil
	}
	fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	recv, _ := c.pass.TypesInfo.Defs[fd.Recv.List[0].Names[0]].(*types.Var)
	if fn == nil || recv == nil || !types.Identical(fn.Signature().Params(), ioReadParams) || fn.Signature().Results().Len() != 2 {
		return nil
	}
	named, ok := types.Unalias(derefNamed(recv.Type())).(*types.Named)
	if !ok {
		return nil
	}
	// field reports whether e is (or contains) a field of the receiver.
	field := func(e ast.Expr) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == recv {
					found = true
				}
			}
			return !found
		})
		return found
	}
	counts, stops := false, false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if (n.Tok == token.ADD_ASSIGN || n.Tok == token.SUB_ASSIGN) && len(n.Lhs) == 1 && field(n.Lhs[0]) {
				counts = true
			}
		case *ast.IncDecStmt:
			if field(n.X) {
				counts = true
			}
		case *ast.IfStmt:
			cmp, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
			if !ok || !slices.Contains([]token.Token{token.GTR, token.GEQ, token.LSS, token.LEQ}, cmp.Op) || !field(cmp) {
				break
			}
			for _, st := range n.Body.List {
				if ret, ok := st.(*ast.ReturnStmt); ok && len(ret.Results) == 2 {
					if id, ok := ast.Unparen(ret.Results[1]).(*ast.Ident); !ok || id.Name != "nil" {
						stops = true
					}
				}
			}
		}
		return true
	})
	if !counts || !stops {
		return nil
	}
	return named.Obj()
}

// ioReadParams are the parameters of io.Reader's Read.
var ioReadParams = types.NewTuple(types.NewParam(0, nil, "", types.NewSlice(types.Typ[types.Byte])))

// isLimitReader reports whether t is (a pointer to) a reader type of the
// program whose Read stops at a limit.
func (c *checker) isLimitReader(t types.Type) bool {
	named, ok := types.Unalias(derefNamed(t)).(*types.Named)
	if !ok {
		return false
	}
	tn := named.Origin().Obj()
	if tn.Pkg() == c.pass.Pkg {
		return c.limitReaders[tn]
	}
	return tn.Pkg() != nil && c.pass.ImportObjectFact(tn, new(limitReaderFact))
}

// applications finds where the package puts a body limit (a table's
// middleware, another package's limiter, one of its own) in front of
// handlers, and what it covers:
//   - the handlers named in the same registration, for a limit on one
//     route (mux.Handle("/upload", http.MaxBytesHandler(upload, n)),
//     chi's r.With(limit).Post(...), echo's e.POST(path, h, limit));
//   - nothing yet, for a limit on a router or handler the function is
//     given: the function is a limiter, and its callers apply it;
//   - the router, otherwise: every handler of the package, and of the
//     packages it imports (see programLimits).
//
// It reports whether it found a new limiter of the package.
func (c *checker) applications() bool {
	c.router, c.covered, c.elsewhere = false, make(map[ast.Node]bool), nil
	changed := false
	for _, f := range c.pass.Files {
		ast.PreorderStack(f, nil, func(n ast.Node, stack []ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
			if !ok || !c.limitsBodies(fn) {
				return true
			}
			// The limiter as an expression (mw.Limit), and the call of it
			// when it is called.
			var site ast.Expr = id
			i := len(stack) - 1
			if sel, ok := stack[i].(*ast.SelectorExpr); ok && sel.Sel == id {
				site, i = sel, i-1
			}
			call, ok := stack[i].(*ast.CallExpr)
			switch {
			case ok && ast.Unparen(call.Fun) == site:
				site, i = call, i-1
			case !ok || !slices.Contains(call.Args, site):
				return true // not applied: _ = middleware.BodyLimit
			}
			if c.apply(site, stack[:i+1]) {
				changed = true
			}
			return true
		})
	}
	return changed
}

// limitsBodies reports whether fn puts a body limit in front of what it
// wraps or is used by.
func (c *checker) limitsBodies(fn *types.Func) bool {
	if knowledge.BodyLimitMiddleware[knowledge.FuncName(fn)] || c.limiters[fn] {
		return true
	}
	return fn.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(fn, new(limiterFact))
}

// apply records what a use of a limiter at site covers (see
// applications); stack holds the site's ancestors. It reports whether it
// made a new limiter of the package.
func (c *checker) apply(site ast.Expr, stack []ast.Node) bool {
	// The registration the site is part of: the calls it is an argument
	// or a receiver of.
	top := ast.Node(site)
	i := len(stack) - 1
up:
	for ; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr, *ast.CallExpr:
		case *ast.SelectorExpr:
			if p.X != top {
				break up
			}
		default:
			break up
		}
		top = stack[i]
	}
	if handlers := c.handlersIn(top, site); len(handlers) > 0 && c.routes(stack[i+1:]) {
		for _, h := range handlers {
			if h.node != nil {
				c.covered[h.node] = true
			} else {
				c.elsewhere = append(c.elsewhere, knowledge.FuncName(h.fn))
			}
		}
		return false
	}
	var decl *ast.FuncDecl
	for _, n := range slices.Backward(stack[:i+1]) {
		if lit, ok := n.(*ast.FuncLit); ok && !c.takesHandler(c.pass.TypesInfo.TypeOf(lit)) {
			break // a literal (fx.Invoke(func(e *echo.Echo) {...})) is called once: its limit applies
		}
		if fd, ok := n.(*ast.FuncDecl); ok {
			decl = fd
			break
		}
	}
	if decl != nil && (c.isMiddlewareDecl(decl) || c.limitsParam(decl, top, site)) {
		// A middleware built on another (echo's BodyLimit on
		// BodyLimitWithConfig), or a function that limits the router it
		// is given, applies nothing itself: its callers do.
		def, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if def == nil || c.limiters[def] {
			return false
		}
		c.limiters[def] = true
		return true
	}
	c.router = true
	return false
}

// limitsParam reports whether the limit at site, in the registration
// top, bounds a router or handler that decl is given: the limiter is
// called with one of decl's parameters, or used on one
// (func New(h http.Handler) *http.Server, func setup(e *echo.Echo)).
func (c *checker) limitsParam(decl *ast.FuncDecl, top ast.Node, site ast.Expr) bool {
	var ids []ast.Expr
	if call, ok := site.(*ast.CallExpr); ok {
		ids = append(ids, call.Args...)
	}
	recv := top
	for {
		switch e := recv.(type) {
		case *ast.CallExpr:
			recv = e.Fun
			continue
		case *ast.SelectorExpr:
			recv = e.X
			continue
		case *ast.ParenExpr:
			recv = e.X
			continue
		case *ast.Ident:
			ids = append(ids, e)
		}
		break
	}
	for _, e := range ids {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			continue
		}
		if _, isParam := c.index.Param(v); isParam && c.index.Owner(v) == decl {
			if _, basic := v.Type().Underlying().(*types.Basic); !basic {
				return true // not the limit itself (BodyLimit(maxBody))
			}
		}
	}
	return false
}

// routes reports whether a chain of calls registers a route: one of them
// is given a path. Gin's r.Use(limiter, auth) names a function of a
// handler's shape too, but applies both to every route.
func (c *checker) routes(chain []ast.Node) bool {
	for _, n := range chain {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			continue
		}
		for _, a := range call.Args {
			t := c.pass.TypesInfo.TypeOf(a)
			if t == nil || slices.Contains(chain, ast.Node(a)) {
				continue
			}
			if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
				return true
			}
		}
	}
	return false
}

// routed is a handler a registration names: its declaration or literal
// in this package, or the function of another package.
type routed struct {
	node ast.Node
	fn   *types.Func
}

// handlersIn returns the handlers a registration names, besides the
// limiter at site: function values with a handler's shape. A
// configuration's (echo's BodyLimitConfig{Skipper: ...}) are not routes.
func (c *checker) handlersIn(top ast.Node, site ast.Expr) []routed {
	called := make(map[ast.Node]bool)
	ast.Inspect(top, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			fun := ast.Unparen(call.Fun)
			called[fun] = true
			if sel, ok := fun.(*ast.SelectorExpr); ok {
				called[sel.Sel] = true
			}
		}
		return true
	})
	var out []routed
	ast.Inspect(top, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			return false
		case *ast.FuncLit:
			if sig, ok := c.pass.TypesInfo.TypeOf(n).(*types.Signature); ok && c.rp.Serves(sig) {
				out = append(out, routed{node: n})
			}
			return false
		case *ast.SelectorExpr:
			if n == site || called[n] {
				return n != site
			}
		case *ast.Ident:
			fn, ok := c.pass.TypesInfo.Uses[n].(*types.Func)
			if !ok || n == site || called[n] || !c.rp.Serves(fn.Signature()) || fn.Name() == "ServeHTTP" {
				return true // a router's ServeHTTP serves every route behind it
			}
			if fn.Pkg() == c.pass.Pkg {
				if d := c.index.Decl(fn); d != nil {
					out = append(out, routed{node: d})
				}
			} else {
				out = append(out, routed{fn: fn})
			}
		}
		return true
	})
	return out
}

func (c *checker) callee(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	return fn
}

// isBody reports whether e is the Body field of a *http.Request.
func (c *checker) isBody(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Body" && knowledge.TypeName(c.pass.TypesInfo.TypeOf(sel.X)) == knowledge.RequestType
}

// isLimiter reports whether e bounds what it reads: it calls
// http.MaxBytesReader or io.LimitReader, or builds an io.LimitedReader
// or a reader of the program's whose Read stops at a limit.
func (c *checker) isLimiter(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if fn := c.callee(n); fn != nil {
				_, found = knowledge.BodyLimiters[knowledge.FuncName(fn)]
			}
			if !found {
				// newLimitedReader(r.Body, n): makes one of the program's.
				found = c.isLimitReader(c.pass.TypesInfo.TypeOf(n))
			}
		case *ast.CompositeLit:
			t := c.pass.TypesInfo.TypeOf(n)
			found = knowledge.BodyLimiterTypes[knowledge.TypeName(t)] || c.isLimitReader(t)
		}
		return !found
	})
	return found
}

// read is a place where a request body or an upload is read whole: a
// reading call, or a call of a helper that reads what it is given.
type read struct {
	call   *ast.CallExpr
	param  *types.Var // the parameter through which the bytes come
	reader bool       // param is the body itself, not the request
	upload bool
	chain  string // what reads: "io.ReadAll(r.Body)", "decode → json.NewDecoder(r.Body)"
	helper bool   // call is a helper's
}

// reads finds the reads of the package, as far as its facts tell.
func (c *checker) reads() []read {
	var out []read
	for _, ic := range c.calls {
		call, fn := ic.Expr, ic.Callee
		name := knowledge.FuncName(fn)
		if i, ok := knowledge.WholeReaders[name]; ok && i < len(call.Args) {
			if src, ok := c.bodySource(call.Args[i], 0); ok {
				src.call, src.chain = call, shorten(types.ExprString(call))
				out = append(out, src)
			}
			continue
		}
		if cp, ok := knowledge.MemoryCopies[name]; ok && cp.Src < len(call.Args) &&
			knowledge.MemoryWriters[knowledge.TypeName(c.pass.TypesInfo.TypeOf(call.Args[cp.Dst]))] {
			if src, ok := c.bodySource(call.Args[cp.Src], 0); ok {
				src.call, src.chain = call, shorten(types.ExprString(call))
				out = append(out, src)
			}
			continue
		}
		if knowledge.ContextBodyReaders[name] {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				if p, ok := c.requestSource(sel.X, 0); ok {
					out = append(out, read{call: call, param: p, chain: shorten(types.ExprString(call))})
				}
			}
			continue
		}
		f := c.factOf(fn)
		if f == nil || f.Param >= len(call.Args) || c.rp.HandsOn(call) && !f.Reader && !f.Handed {
			continue // a handler of this module reads it: reported there
		}
		r := read{call: call, helper: true, upload: f.Upload, chain: fn.Name() + " → " + f.Chain}
		arg := call.Args[f.Param]
		if f.Reader {
			src, ok := c.bodySource(arg, 0)
			if !ok {
				continue
			}
			r.param, r.reader, r.upload = src.param, src.reader, r.upload || src.upload
		} else {
			p, ok := c.requestSource(arg, 0)
			if !ok {
				continue
			}
			r.param = p
		}
		out = append(out, r)
	}
	return out
}

func (c *checker) factOf(fn *types.Func) *readsFact {
	if f := c.facts[fn]; f != nil {
		return f
	}
	if fn.Pkg() != nil && fn.Pkg() != c.pass.Pkg {
		f := new(readsFact)
		if c.pass.ImportObjectFact(fn, f) {
			return f
		}
	}
	return nil
}

// summarize gives a fact to each helper that reads, whole and unlimited,
// what reaches it through a parameter. It reports whether it found any new.
func (c *checker) summarize() bool {
	changed := false
	for _, r := range c.reads() {
		decl, ok := c.index.Owner(r.param).(*ast.FuncDecl)
		if !ok || c.readersOnly && !r.reader || c.limited(decl, r.param) {
			continue
		}
		fn, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		i, isParam := c.index.Param(r.param)
		if h := c.rp.Of(decl); fn == nil || !isParam || c.facts[fn] != nil || h != nil && !fn.Exported() && !r.reader && !handed(h, r.param) {
			continue // a handler's read is reported in it; only another module's call needs a fact
		}
		h := c.rp.Of(decl)
		c.facts[fn] = &readsFact{Param: i, Reader: r.reader, Upload: r.upload, Handed: h != nil && handed(h, r.param), Chain: r.chain}
		changed = true
	}
	return changed
}

// limited reports whether fn bounds the body of the request param before
// reading: it assigns a limiter to param's Body, or hands param to a
// function of the package that does.
func (c *checker) limited(fn ast.Node, param *types.Var) bool {
	for _, l := range c.limits {
		if l.node.Pos() < fn.Pos() || l.node.End() > fn.End() {
			continue
		}
		if p, ok := c.requestSource(l.req, 0); ok && p == param {
			return true
		}
	}
	return false
}

// middlewares returns the package's middlewares that bound the body of
// every request they pass on: a function that returns a handler
// (isMiddleware) and limits a body, or one that returns a function
// literal serving requests that limits its own request's body, alone or
// in a value (pocketbase's &hook.Handler{Func: func(e *core.RequestEvent)
// error {...}}): the middleware types of frameworks the tables do not
// name, and of the program's own.
func (c *checker) middlewares() []*types.Func {
	var out []*types.Func
	// A function that returns a handler that limits its body and reads
	// it makes a handler (func upload() HandlerFunc), not a middleware.
	readers := make(map[ast.Node]bool)
	for _, r := range c.reads() {
		readers[c.index.Owner(r.param)] = true
	}
	for _, l := range c.limits {
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || l.node.Pos() < fd.Pos() || l.node.End() > fd.End() {
					continue
				}
				fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
				if fn != nil && (isMiddleware(fn) || c.returnsLimiting(fd, l, readers)) && !slices.Contains(out, fn) {
					out = append(out, fn)
				}
			}
		}
	}
	return out
}

// returnsLimiting reports whether fd returns a function literal that
// serves requests, holds the limit l on the body of its own request, and
// is not among the readers (reads the body itself).
func (c *checker) returnsLimiting(fd *ast.FuncDecl, l limit, readers map[ast.Node]bool) bool {
	if fd.Body == nil || c.rp.Of(fd) != nil {
		return false // a handler that limits its own body limits nothing else
	}
	p, ok := c.requestSource(l.req, 0)
	if !ok {
		return false
	}
	lit, ok := c.index.Owner(p).(*ast.FuncLit)
	if !ok || c.rp.Of(lit) == nil || readers[lit] || l.node.Pos() < lit.Pos() || l.node.End() > lit.End() {
		return false
	}
	return returnsLit(fd, lit)
}

// programLimits tells what other packages of the program's module put
// a body limit in front of: all of this package's handlers, when one
// limits a router and imports this package, directly or not (an
// unrelated server of the module, or a library that limits a server of
// its own, covers nothing here); and the handlers a route's limit names.
// It asks for every package's facts, so it is asked only when there is
// something to report.
func (c *checker) programLimits() (all bool, handlers map[string]bool) {
	c.pass.ExportPackageFact(new(wantsLimitsFact))
	imports := make(modimports.Graph)
	var routers []string
	for _, f := range c.pass.AllPackageFacts() {
		switch fact := f.Fact.(type) {
		case *importsFact:
			imports[f.Package.Path()] = fact.Paths
		case *limitsFact:
			if !c.sameModule(f.Package) {
				continue
			}
			if fact.Router {
				routers = append(routers, f.Package.Path())
			}
			for _, h := range fact.Handlers {
				if handlers == nil {
					handlers = make(map[string]bool)
				}
				handlers[h] = true
			}
		}
	}
	if imports.Reaches(routers, c.pass.Pkg.Path()) {
		return true, nil
	}
	return false, handlers
}

// sameModule reports whether a package is of the module of the package
// analyzed; without module information (GOPATH), every package is.
func (c *checker) sameModule(pkg *types.Package) bool {
	in, known := report.InModule(c.pass, pkg.Path())
	return in || !known
}

// isMiddlewareDecl reports whether a declaration makes a middleware
// rather than a router: it takes a handler to wrap
// (func(next http.Handler) http.Handler), or returns a function that does
// (echo's BodyLimit returns an echo.MiddlewareFunc).
func (c *checker) isMiddlewareDecl(fd *ast.FuncDecl) bool {
	fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Signature()
	if c.takesHandler(sig) {
		return true
	}
	for i := range sig.Results().Len() {
		if c.takesHandler(sig.Results().At(i).Type()) {
			return true
		}
	}
	return false
}

// takesHandler reports whether t is a function that takes a handler to
// wrap: a middleware, func(next http.Handler) http.Handler.
func (c *checker) takesHandler(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return false
	}
	for i := range sig.Params().Len() {
		if knowledge.MiddlewareResults[knowledge.TypeName(sig.Params().At(i).Type())] {
			return true
		}
	}
	return false
}

// isMiddleware reports whether fn returns a handler: a function that wraps
// other handlers, or a ServeHTTP method of a type that wraps one.
func isMiddleware(fn *types.Func) bool {
	sig := fn.Signature()
	for i := range sig.Results().Len() {
		t := sig.Results().At(i).Type()
		if knowledge.MiddlewareResults[knowledge.TypeName(t)] {
			return true
		}
		if s, ok := t.Underlying().(*types.Signature); ok && s.Results().Len() == 1 &&
			knowledge.MiddlewareResults[knowledge.TypeName(s.Results().At(0).Type())] {
			return true // func(http.Handler) http.Handler
		}
	}
	if fn.Name() == "ServeHTTP" && sig.Recv() != nil {
		if st, ok := derefNamed(sig.Recv().Type()).Underlying().(*types.Struct); ok {
			for i := range st.NumFields() {
				if knowledge.MiddlewareResults[knowledge.TypeName(st.Field(i).Type())] {
					return true
				}
			}
		}
	}
	return false
}

func derefNamed(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// bodySource follows a reader expression back to the parameter its bytes
// come through: the request whose Body it is, an uploaded file of a
// request, or a reader parameter.
func (c *checker) bodySource(e ast.Expr, depth int) (read, bool) {
	if depth > 8 {
		return read{}, false
	}
	info := c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		if c.isBody(e) {
			if p, ok := c.requestSource(e.X, depth+1); ok {
				return read{param: p}, true
			}
		}
	case *ast.CallExpr:
		if info.Types[e.Fun].IsType() && len(e.Args) == 1 {
			return c.bodySource(e.Args[0], depth+1) // io.Reader(r.Body)
		}
		fn := c.callee(e)
		if fn == nil {
			break
		}
		name := knowledge.FuncName(fn)
		if i, ok := knowledge.ReaderWrappers[name]; ok && i < len(e.Args) {
			return c.bodySource(e.Args[i], depth+1)
		}
		if name == "(*mime/multipart.FileHeader).Open" || knowledge.PartReaders[name] {
			return c.uploadSource(e, depth+1)
		}
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			break
		}
		if _, isParam := c.index.Param(v); isParam {
			if slices.ContainsFunc(c.index.Writes(v), func(w strexpr.Write) bool { return w.RHS != nil && c.isLimiter(w.RHS) }) {
				return read{}, false // rd = io.LimitReader(rd, n)
			}
			switch knowledge.TypeName(v.Type()) {
			case "io.Reader", "io.ReadCloser", "mime/multipart.File":
				return read{param: v, reader: true}, true
			}
			break
		}
		// Whichever value the variable holds when it is read:
		// body := io.Reader(r.Body); if gzipped { body = zr }. One that
		// is limited may be the one read.
		ws := c.index.Writes(v)
		var src read
		found := false
		for _, w := range ws {
			if w.RHS != nil && c.isLimiter(w.RHS) {
				return read{}, false
			}
			if !found {
				src, found = c.writeSource(w, depth+1)
			}
		}
		return src, found
	}
	return read{}, false
}

// writeSource follows one write of a variable back to the parameter its
// bytes come through, as bodySource does.
func (c *checker) writeSource(w strexpr.Write, depth int) (read, bool) {
	switch {
	case w.RHS == nil:
	case w.Kind == strexpr.Assign:
		return c.bodySource(w.RHS, depth)
	case w.Kind == strexpr.Tuple && w.TupleIndex == 0:
		call, ok := ast.Unparen(w.RHS).(*ast.CallExpr)
		if !ok {
			break
		}
		if fn := c.callee(call); fn != nil {
			if _, ok := knowledge.ReaderWrappers[knowledge.FuncName(fn)]; ok {
				return c.bodySource(call, depth) // zr, err := gzip.NewReader(r.Body)
			}
		}
		return c.uploadSource(call, depth)
	}
	return read{}, false
}

// uploadSource follows the call that opened an uploaded file back to the
// request it came with.
func (c *checker) uploadSource(call *ast.CallExpr, depth int) (read, bool) {
	fn := c.callee(call)
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if fn == nil || !ok || !knowledge.UploadOpeners[knowledge.FuncName(fn)] && !knowledge.PartReaders[knowledge.FuncName(fn)] && !knowledge.MultipartReaders[knowledge.FuncName(fn)] {
		return read{}, false
	}
	name := knowledge.FuncName(fn)
	if name == "(*mime/multipart.FileHeader).Open" {
		return c.headerSource(sel.X, depth+1)
	}
	if knowledge.PartReaders[name] {
		// mr.NextPart(), where mr came from r.MultipartReader().
		if call := c.madeBy(sel.X); call != nil {
			if fn := c.callee(call); fn != nil && knowledge.MultipartReaders[knowledge.FuncName(fn)] {
				return c.uploadSource(call, depth+1)
			}
		}
		return read{}, false
	}
	if p, ok := c.requestSource(sel.X, depth+1); ok {
		return read{param: p, upload: true}, true
	}
	return read{}, false
}

// madeBy returns the call whose (first) result a variable holds: its one
// write, mr, err := r.MultipartReader().
func (c *checker) madeBy(e ast.Expr) *ast.CallExpr {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		return call
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil {
		return nil
	}
	ws := c.index.Writes(v)
	if len(ws) != 1 || !ws[0].Sets() {
		return nil
	}
	call, _ := ast.Unparen(ws[0].RHS).(*ast.CallExpr)
	return call
}

// headerSource follows the header of an uploaded file back to the
// request it came with: fh from a FormFile call, or an element of the
// request's parsed multipart form (for _, fh := range
// r.MultipartForm.File["files"], form.File["f"][0]).
func (c *checker) headerSource(e ast.Expr, depth int) (read, bool) {
	if depth > 8 {
		return read{}, false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		return c.headerSource(e.X, depth+1)
	case *ast.SelectorExpr:
		// form.File: a field of the parsed form.
		if knowledge.TypeName(c.pass.TypesInfo.TypeOf(e.X)) == "*mime/multipart.Form" {
			return c.formSource(e.X, depth+1)
		}
	case *ast.Ident:
		v, _ := c.pass.TypesInfo.Uses[e].(*types.Var)
		if v == nil {
			break
		}
		ws := c.index.Writes(v)
		if len(ws) != 1 || ws[0].RHS == nil {
			break
		}
		switch w := ws[0]; w.Kind {
		case strexpr.Assign:
			return c.headerSource(w.RHS, depth+1)
		case strexpr.Range:
			if w.TupleIndex == 1 {
				return c.headerSource(w.RHS, depth+1)
			}
		case strexpr.Tuple:
			if opener, ok := ast.Unparen(w.RHS).(*ast.CallExpr); ok {
				return c.uploadSource(opener, depth+1) // fh, err := c.FormFile("f")
			}
		}
	}
	return read{}, false
}

// formSource follows a parsed multipart form back to the request it was
// parsed from: r.MultipartForm, or gin's and echo's c.MultipartForm().
func (c *checker) formSource(e ast.Expr, depth int) (read, bool) {
	if depth > 8 {
		return read{}, false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		if e.Sel.Name == knowledge.MultipartFormField && knowledge.TypeName(c.pass.TypesInfo.TypeOf(e.X)) == knowledge.RequestType {
			if p, ok := c.requestSource(e.X, depth+1); ok {
				return read{param: p, upload: true}, true
			}
		}
	case *ast.CallExpr:
		fn := c.callee(e)
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if fn != nil && ok && knowledge.MultipartForms[knowledge.FuncName(fn)] {
			if p, ok := c.requestSource(sel.X, depth+1); ok {
				return read{param: p, upload: true}, true
			}
		}
	case *ast.Ident:
		if call := c.madeBy(e); call != nil {
			return c.formSource(call, depth+1)
		}
		v, _ := c.pass.TypesInfo.Uses[e].(*types.Var)
		if v == nil {
			break
		}
		if ws := c.index.Writes(v); len(ws) == 1 && ws[0].Kind == strexpr.Assign && ws[0].RHS != nil {
			return c.formSource(ws[0].RHS, depth+1)
		}
	}
	return read{}, false
}

// requestSource follows an expression that denotes a request (a
// *http.Request or a framework context) back to a parameter.
func (c *checker) requestSource(e ast.Expr, depth int) (*types.Var, bool) {
	if depth > 8 {
		return nil, false
	}
	info := c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok {
			return nil, false
		}
		if _, isParam := c.index.Param(v); isParam || c.index.Receiver(v) {
			if c.rp.ReachesRequest(v.Type()) {
				return v, true
			}
			return nil, false
		}
		if ws := c.index.Writes(v); len(ws) == 1 && ws[0].Kind == strexpr.Assign && ws[0].RHS != nil {
			return c.requestSource(ws[0].RHS, depth+1)
		}
	case *ast.SelectorExpr:
		// gin's c.Request, gitea's ctx.Req: a field of a value that
		// carries the request.
		if sel, ok := info.Selections[e]; ok && sel.Kind() == types.FieldVal && c.rp.ReachesRequest(info.TypeOf(e.X)) {
			return c.requestSource(e.X, depth+1)
		}
	case *ast.CallExpr:
		// r.WithContext(ctx), echo's c.Request(): an accessor of a value
		// that carries the request.
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && c.callee(e) != nil && c.rp.ReachesRequest(info.TypeOf(sel.X)) {
			return c.requestSource(sel.X, depth+1)
		}
	}
	return nil, false
}

func shorten(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// report reports the reads in handlers, and the multipart forms parsed
// with too much memory.
func (c *checker) report() {
	type finding struct {
		r  read
		h  *reqpath.Handler
		fn ast.Node
	}
	var found []finding
	for _, r := range c.reads() {
		fn := c.index.Owner(r.param)
		h := c.rp.Of(fn)
		if h == nil || r.reader || handed(h, r.param) || c.limited(fn, r.param) || c.covered[fn] || c.inTest(r.call) {
			// A reader parameter of a function with a handler's shape is
			// whatever its callers hand it (gitea's file view renders the
			// blob it is given): reported where a caller hands it a body.
			continue
		}
		found = append(found, finding{r, h, fn})
	}
	if len(found) > 0 {
		all, handlers := c.programLimits()
		if all {
			return
		}
		found = slices.DeleteFunc(found, func(f finding) bool {
			return f.h.Func != nil && handlers[knowledge.FuncName(f.h.Func)]
		})
		// The in-memory copy a middleware of the program left: the read
		// that made it is the finding.
		if keep := c.downstream(); keep != nil {
			found = slices.DeleteFunc(found, func(f finding) bool { return !keep(f.h.Func) })
		}
	}
	for _, f := range found {
		if !f.r.upload && f.h.RequestExpr() != "" && f.h.WriterExpr() != "" {
			if file := report.File(c.pass, f.r.call.Pos()); c.konst == nil || c.pass.Fset.File(file.Pos()).Name() < c.pass.Fset.File(c.konst.Pos()).Name() {
				c.konst = file
			}
		}
	}
	for _, f := range found {
		c.reportRead(f.r, f.h, f.fn)
	}
	c.reportMultipart()
}

// handed reports whether a request parameter of a handler is another
// than the one it serves: Sign(c *gin.Context, req *http.Request) serves
// c's request and signs req, which its callers build (an outbound request
// to another service) or hand on. Its body is reported where a caller
// hands it the body of a request it serves.
func handed(h *reqpath.Handler, param *types.Var) bool {
	return h.Request != nil && param != h.Request
}

func (c *checker) inTest(n ast.Node) bool {
	return report.IsTestCode(c.pass, n.Pos())
}

// packageRoot is the root of the body reads of a package none of whose
// handlers limits a body: one cause, one remedy (http.MaxBytesHandler
// around the router, or a middleware), one finding.
const packageRoot = "no body limit in the package"

func (c *checker) reportRead(r read, h *reqpath.Handler, fn ast.Node) {
	what := shorten(types.ExprString(r.call))
	if r.upload {
		msg := fmt.Sprintf("%s reads the uploaded file whole into memory: one large upload can exhaust the heap; stream it to disk or storage with io.Copy, and bound the body with http.MaxBytesReader", what)
		if r.helper {
			msg = fmt.Sprintf("%s reads the uploaded file whole into memory (%s): one large upload can exhaust the heap; stream it to disk or storage with io.Copy, and bound the body with http.MaxBytesReader", what, r.chain)
		}
		c.rep.Add(report.Finding{Pos: r.call.Pos(), End: r.call.End(), Message: msg, Severity: report.Error})
		return
	}
	verb := "reads the whole request body into memory"
	if last := r.chain[strings.LastIndex(r.chain, "→")+1:]; strings.Contains(last, "NewDecoder(") {
		verb = "decodes the request body"
	}
	via := ""
	if r.helper {
		via = " (" + r.chain + ")"
	}
	req, w := h.RequestExpr(), h.WriterExpr()
	limit := "http.MaxBytesReader"
	if req != "" && w != "" {
		limit = fmt.Sprintf("%s.Body = http.MaxBytesReader(%s, %s.Body, maxBodyBytes)", req, w, req)
	}
	f := report.Finding{Pos: r.call.Pos(), End: r.call.End(), Severity: report.Error, // see the doc for the levels
		Message: fmt.Sprintf("%s %s with no size limit%s: one large request can exhaust the heap; limit it first with %s", what, verb, via, limit)}
	if len(c.limits) == 0 && len(c.covered) == 0 {
		// No handler here limits a body: the package lacks a limit, not
		// this handler.
		f.Root, f.Also = packageRoot, "reads of a request body"
		f.Message = fmt.Sprintf("%s %s with no size limit%s, and no handler of this package limits a request body: one large request can exhaust the heap; wrap the router in http.MaxBytesHandler (or a body-limit middleware) once, or limit each handler first with %s",
			what, verb, via, limit)
	}
	if fix, ok := c.fix(h, fn); ok {
		f.Fixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Add(f)
}

// reportMultipart reports r.ParseMultipartForm with a memory limit over
// knowledge.MultipartMemoryLimit, on a request that is not limited.
func (c *checker) reportMultipart() {
	for _, ic := range c.calls {
		call, fn := ic.Expr, ic.Callee
		if !knowledge.MultipartParsers[knowledge.FuncName(fn)] || len(call.Args) != 1 || c.inTest(call) {
			continue
		}
		tv := c.pass.TypesInfo.Types[call.Args[0]]
		if tv.Value == nil {
			continue
		}
		n, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok || n <= knowledge.MultipartMemoryLimit {
			continue
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		if p, ok := c.requestSource(sel.X, 0); ok && c.limited(c.index.Owner(p), p) {
			continue
		}
		c.rep.Add(report.Finding{Pos: call.Pos(), End: call.End(), Severity: report.Warning,
			Message: fmt.Sprintf("%s keeps up to %d MiB of every multipart request in memory: a few concurrent uploads can exhaust the heap; use 32 << 20 (larger parts go to temporary files) and bound the body with http.MaxBytesReader",
				shorten(types.ExprString(call)), n>>20)})
	}
}
