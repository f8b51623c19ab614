package readallbody

import (
	"go/ast"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/modimports"
	"github.com/crisislint/crisislint/internal/strexpr"
)

// The reusable body. A function of the program reads the request body
// whole and sets the request's body to an in-memory copy of what it read
// (c.Request.Body = io.NopCloser(bytes.NewBuffer(b))), so that the code
// after it can read the body again; a middleware of the program calls it
// on every request it passes on (new-api's and one-api's Distribute and
// TokenAuth, through UnmarshalBodyReusable and GetRequestBody). That
// first read is the unbounded one, and it is reported. The relay layers
// the handlers hand the request to read the copy: their reads add no
// exposure, and reporting them names the wrong place for the limit.
//
// Which routes pass the middleware is not known where the relay layer
// reads (the layer is called through interfaces, from handlers of other
// packages); what is known is which packages serve routes, and which
// packages a router's package reaches through its imports. So, when a
// package that registers routes and uses a middleware of the program
// that buffers bodies reaches a package, directly or not, and none of
// the program's route registrations serves a function of that package
// (named as a handler, or called with the request by a function literal
// registered as one), that package's reads are downstream of the
// middleware, and not reported, unless their function is the first read
// the middleware buffers. A package that serves routes is reported as
// before: its routes may not pass the middleware. The price: a relay
// layer that an unbuffered route also calls is not reported.

// buffersFact marks a function that reads whole the body of the request
// its parameter Param carries and leaves the request with an in-memory
// copy: itself, or through a function it hands the request to.
type buffersFact struct {
	Param int
	Root  string // knowledge.FuncName of the function whose read is buffered
}

func (*buffersFact) AFact() {}

func (f *buffersFact) String() string {
	return "buffers the body of parameter " + strconv.Itoa(f.Param) + ", read by " + f.Root
}

// bufferingFact marks a package with middlewares that buffer the body of
// every request they pass on (Middlewares), and names the functions
// whose reads they buffer (Roots): the reads that are reported.
type bufferingFact struct {
	Middlewares []string
	Roots       []string
}

func (*bufferingFact) AFact() {}

func (f *bufferingFact) String() string {
	return "buffers bodies in " + strings.Join(f.Middlewares, ", ") + ", read by " + strings.Join(f.Roots, ", ")
}

// routesFact lists the packages whose functions the package's route
// registrations serve: named as handlers, or called with the request by
// a function literal registered as one.
type routesFact struct{ Packages []string }

func (*routesFact) AFact() {}

func (f *routesFact) String() string { return "routes to " + strings.Join(f.Packages, ", ") }

// collectBuffering finds the package's functions that buffer a request's
// body, directly or by handing the request to one, and its middlewares
// that do it to every request they pass on.
func (c *checker) collectBuffering() {
	c.buffers = make(map[*types.Func]*buffersFact)
	c.bufferingMW = make(map[*types.Func]string)
	reads := c.readsBuffered()
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			a, ok := n.(*ast.AssignStmt)
			if !ok || len(a.Lhs) != 1 || len(a.Rhs) != 1 || !c.isBody(a.Lhs[0]) {
				return true
			}
			v := c.memoryOf(a.Rhs[0], 0)
			p, ok := c.requestSource(ast.Unparen(a.Lhs[0]).(*ast.SelectorExpr).X, 0)
			if v == nil || !ok {
				return true
			}
			decl, ok := c.index.Owner(p).(*ast.FuncDecl)
			i, isParam := c.index.Param(p)
			if !ok || !isParam {
				return true
			}
			fn, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if fn == nil || c.buffers[fn] != nil {
				return true
			}
			for _, r := range reads {
				if r.param != p || !c.produces(r, v) {
					continue
				}
				root := fn
				if r.helper {
					root = c.callee(r.call)
				}
				c.buffers[fn] = &buffersFact{Param: i, Root: knowledge.FuncName(root)}
				break
			}
			return true
		})
	}
	for range 4 {
		if !c.handBuffering() {
			break
		}
	}
}

// readsBuffered returns the package's whole reads of a request parameter's
// body, with the calls of functions that read their request's body whole
// (which reads leaves out when the callee is a handler: it is reported
// there), as a buffering function reads the body it copies.
func (c *checker) readsBuffered() []read {
	out := c.reads()
	local := make(map[ast.Node]int) // functions of the package that read a parameter's body
	for _, r := range out {
		if i, ok := c.index.Param(r.param); ok && !r.reader {
			local[c.index.Owner(r.param)] = i
		}
	}
	for _, ic := range c.calls {
		i, ok := -1, false
		if f := c.factOf(ic.Callee); f != nil && !f.Reader {
			i, ok = f.Param, true
		} else if d := c.index.Decl(ic.Callee); d != nil {
			i, ok = local[d]
		}
		if !ok || i >= len(ic.Expr.Args) {
			continue
		}
		if p, ok := c.requestSource(ic.Expr.Args[i], 0); ok {
			out = append(out, read{call: ic.Expr, param: p, helper: true})
		}
	}
	return out
}

// memoryOf returns the variable whose bytes an in-memory reader reads,
// when e makes one: io.NopCloser(bytes.NewBuffer(b)),
// bytes.NewReader(buf.Bytes()), strings.NewReader(string(b)).
func (c *checker) memoryOf(e ast.Expr, depth int) *types.Var {
	if depth > 6 {
		return nil
	}
	info := c.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := info.Uses[e].(*types.Var)
		return v
	case *ast.CallExpr:
		if info.Types[e.Fun].IsType() && len(e.Args) == 1 {
			return c.memoryOf(e.Args[0], depth+1) // string(b)
		}
		fn := c.callee(e)
		if fn == nil {
			return nil
		}
		name := knowledge.FuncName(fn)
		if i, ok := knowledge.MemoryReaders[name]; ok && i < len(e.Args) {
			return c.memoryOf(e.Args[i], depth+1)
		}
		if i, ok := knowledge.ReaderWrappers[name]; ok && i < len(e.Args) {
			return c.memoryOf(e.Args[i], depth+1)
		}
		// buf.Bytes(): the bytes of a buffer written to.
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && len(e.Args) == 0 && depth > 0 &&
			knowledge.MemoryWriters[knowledge.TypeName(info.TypeOf(sel.X))] {
			return c.memoryOf(sel.X, depth+1)
		}
	}
	return nil
}

// produces reports whether the read r leaves its bytes in v: v holds
// its result (b, err := io.ReadAll(r.Body); b, err := GetRequestBody(c)),
// or is the buffer it copies into (io.Copy(buf, r.Body)).
func (c *checker) produces(r read, v *types.Var) bool {
	if fn := c.callee(r.call); fn != nil {
		if cp, ok := knowledge.MemoryCopies[knowledge.FuncName(fn)]; ok && cp.Dst < len(r.call.Args) {
			return c.memoryOf(r.call.Args[cp.Dst], 0) == v
		}
	}
	for _, w := range c.index.Writes(v) {
		if w.Sets() && ast.Unparen(w.RHS) == r.call && (w.Kind == strexpr.Assign || w.TupleIndex == 0) {
			return true
		}
	}
	return false
}

// buffersOf returns the buffersFact of a function of the package or of
// another, or nil.
func (c *checker) buffersOf(fn *types.Func) *buffersFact {
	if f := c.buffers[fn]; f != nil {
		return f
	}
	if fn.Pkg() != nil && fn.Pkg() != c.pass.Pkg {
		f := new(buffersFact)
		if c.pass.ImportObjectFact(fn, f) {
			return f
		}
	}
	return nil
}

// handBuffering marks the functions that hand their request to a
// function that buffers its body, and the middlewares whose handler
// does. It reports whether it found a new one.
func (c *checker) handBuffering() bool {
	changed := false
	for _, ic := range c.calls {
		bf := c.buffersOf(ic.Callee)
		if bf == nil || bf.Param >= len(ic.Expr.Args) {
			continue
		}
		p, ok := c.requestSource(ic.Expr.Args[bf.Param], 0)
		if !ok {
			continue
		}
		switch owner := c.index.Owner(p).(type) {
		case *ast.FuncDecl:
			fn, _ := c.pass.TypesInfo.Defs[owner.Name].(*types.Func)
			i, isParam := c.index.Param(p)
			if fn != nil && isParam && c.buffers[fn] == nil {
				c.buffers[fn] = &buffersFact{Param: i, Root: bf.Root}
				changed = true
			}
		case *ast.FuncLit:
			if c.rp.Of(owner) == nil {
				continue
			}
			for _, f := range c.pass.Files {
				for _, d := range f.Decls {
					fd, ok := d.(*ast.FuncDecl)
					if !ok || owner.Pos() < fd.Pos() || owner.End() > fd.End() || !returnsLit(fd, owner) {
						continue
					}
					if fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); fn != nil && c.rp.Of(fd) == nil {
						if _, seen := c.bufferingMW[fn]; !seen {
							c.bufferingMW[fn] = bf.Root
							changed = true
						}
					}
				}
			}
		}
	}
	return changed
}

// returnsLit reports whether fd returns lit, alone or in a value.
func returnsLit(fd *ast.FuncDecl, lit *ast.FuncLit) bool {
	if fd.Body == nil {
		return false
	}
	returned := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				ast.Inspect(r, func(m ast.Node) bool {
					if m == lit {
						returned = true
					}
					return !returned
				})
			}
		}
		return !returned
	})
	return returned
}

// exportBuffering exports what the package buffers, and, in a package
// that has a buffering middleware or imports one that has, the packages
// its routes serve.
func (c *checker) exportBuffering() {
	for fn, f := range c.buffers {
		c.pass.ExportObjectFact(fn, f)
	}
	buffering := len(c.bufferingMW) > 0
	if buffering {
		bf := new(bufferingFact)
		for fn, root := range c.bufferingMW {
			bf.Middlewares = append(bf.Middlewares, knowledge.FuncName(fn))
			if !slices.Contains(bf.Roots, root) {
				bf.Roots = append(bf.Roots, root)
			}
		}
		slices.Sort(bf.Middlewares)
		slices.Sort(bf.Roots)
		c.pass.ExportPackageFact(bf)
	}
	for _, imp := range c.pass.Pkg.Imports() {
		var bf bufferingFact
		if c.pass.ImportPackageFact(imp, &bf) && len(bf.Middlewares) > 0 {
			buffering = true
		}
	}
	if !buffering {
		return
	}
	if pkgs := c.routePackages(); len(pkgs) > 0 {
		c.pass.ExportPackageFact(&routesFact{Packages: pkgs})
	}
}

// routePackages returns the packages whose functions the package's route
// registrations serve: a call given a path (a string) and a handler,
// named (controller.ResetPassword) or a literal (func(c *gin.Context) {
// controller.Relay(c, mode) }), whose calls that hand on its request
// serve the route.
func (c *checker) routePackages() []string {
	var out []string
	add := func(fn *types.Func) {
		if fn != nil && fn.Pkg() != nil && !slices.Contains(out, fn.Pkg().Path()) {
			out = append(out, fn.Pkg().Path())
		}
	}
	for _, ic := range c.calls {
		if !slices.ContainsFunc(ic.Expr.Args, func(a ast.Expr) bool {
			b, ok := c.pass.TypesInfo.TypeOf(a).Underlying().(*types.Basic)
			return ok && b.Info()&types.IsString != 0
		}) {
			continue
		}
		for _, a := range ic.Expr.Args {
			switch a := ast.Unparen(a).(type) {
			case *ast.Ident, *ast.SelectorExpr:
				id, _ := a.(*ast.Ident)
				if sel, ok := a.(*ast.SelectorExpr); ok {
					id = sel.Sel
				}
				if fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func); ok && c.rp.Serves(fn.Signature()) {
					add(fn)
				}
			case *ast.FuncLit:
				if c.rp.Of(a) == nil {
					continue
				}
				ast.Inspect(a.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					for _, arg := range call.Args {
						if p, ok := c.requestSource(arg, 0); ok && c.index.Owner(p) == a {
							add(c.callee(call))
						}
					}
					return true
				})
			}
		}
	}
	slices.Sort(out)
	return out
}

// downstream reports which of the functions reading in this package read
// the in-memory copy a middleware of the program left (see the top of
// this file): nil when no package that routes requests behind a
// buffering middleware imports this one, directly or not, or when this
// package serves routes; otherwise keep reports whether a function's
// read is the first, the one buffered.
func (c *checker) downstream() (keep func(fn *types.Func) bool) {
	roots := make(map[string]bool)
	imports := make(modimports.Graph)
	var routers []string
	for _, f := range c.pass.AllPackageFacts() {
		if !c.sameModule(f.Package) {
			continue
		}
		switch fact := f.Fact.(type) {
		case *importsFact:
			imports[f.Package.Path()] = fact.Paths
		case *bufferingFact:
			for _, r := range fact.Roots {
				roots[r] = true
			}
		case *routesFact:
			if slices.Contains(fact.Packages, c.pass.Pkg.Path()) {
				return nil
			}
			routers = append(routers, f.Package.Path())
		}
	}
	// Whether a package that routes behind the middleware reaches this
	// one: another program of the module may have no such middleware.
	if !imports.Reaches(routers, c.pass.Pkg.Path()) {
		return nil
	}
	return func(fn *types.Func) bool { return fn == nil || roots[knowledge.FuncName(fn)] }
}
