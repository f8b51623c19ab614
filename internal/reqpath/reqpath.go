// Package reqpath finds a package's request path: the functions that run
// while a client waits for the answer. It knows them by their shape, not
// by a list of frameworks:
//
//   - a function or method with an http.ResponseWriter and an
//     *http.Request among its parameters, in any position (ServeHTTP,
//     http.HandlerFunc, httprouter's (w, r, params), custom adapters);
//   - a function whose parameter (or a method whose receiver) is a value
//     from which the request and the response writer can be reached,
//     through fields and accessor methods: gin's and echo's contexts,
//     gitea's, buffalo's, beego's, iris's, any framework's;
//   - a function value passed to a call where it will get the request: an
//     adapter's func(*http.Request) (any, error);
//   - the methods of gRPC and Connect services and GraphQL resolvers: a
//     method that takes a *connect.Request, or that implements an
//     interface a gRPC service description or a gqlgen schema dispatches
//     to (known across packages by a fact on the interface).
//
// Jobs, commands, main, init and tests have none of these shapes; a
// handler literal handed to a fake server (httptest.NewServer), a stub of
// another service, is not one of the service's. The
// knowledge tables keep only what a shape cannot tell: how a framework
// built on fasthttp hands over the request's context, for a fix.
package reqpath

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Kind is the protocol a handler serves.
type Kind uint8

const (
	// HTTP is an HTTP handler.
	HTTP Kind = iota
	// RPC is a gRPC or Connect method.
	RPC
	// GraphQL is a GraphQL resolver.
	GraphQL
)

func (k Kind) String() string {
	switch k {
	case RPC:
		return "RPC method"
	case GraphQL:
		return "GraphQL resolver"
	}
	return "HTTP handler"
}

// Handler is a function of the package that serves a request.
type Handler struct {
	Node ast.Node    // *ast.FuncDecl or *ast.FuncLit
	Func *types.Func // nil for a function literal
	Kind Kind

	// Request is the parameter (or receiver) that is the request or
	// leads to it; Writer the http.ResponseWriter parameter when the
	// handler has one of its own. Either may be nil.
	Request, Writer *types.Var

	carrier                 bool       // Request is a value that carries the request
	requestPath, writerPath string     // how, for a carrier
	context                 *types.Var // a context.Context parameter
	framework               *knowledge.Framework
}

// RequestExpr returns the source text that reaches the *http.Request in
// the handler ("r", "c.Request", "ctx.Req"), or "" when there is none to
// reach or the parameter has no name.
func (h *Handler) RequestExpr() string {
	if h.framework != nil {
		return expr(h.framework.Request, h.Request)
	}
	if h.Kind != HTTP {
		return ""
	}
	return expr("%s"+h.requestPath, h.Request) // "" for a plain *http.Request
}

// WriterExpr returns the source text that reaches an http.ResponseWriter.
func (h *Handler) WriterExpr() string {
	switch {
	case h.Writer != nil:
		return expr("%s", h.Writer)
	case h.framework != nil:
		return expr(h.framework.Writer, h.Request)
	case h.carrier:
		return expr("%s"+h.writerPath, h.Request)
	}
	return ""
}

// ContextExpr returns the source text of the request's context.Context:
// r.Context(), c.Request.Context(), an RPC method's ctx; "" when none is
// in scope.
func (h *Handler) ContextExpr() string {
	if h.framework != nil && h.framework.Context != "" {
		return expr(h.framework.Context, h.Request)
	}
	if h.context != nil {
		return expr("%s", h.context)
	}
	if req := h.RequestExpr(); req != "" {
		return req + ".Context()"
	}
	return ""
}

func expr(format string, v *types.Var) string {
	if format == "" || v == nil || v.Name() == "" || v.Name() == "_" {
		return ""
	}
	return fmt.Sprintf(format, v.Name())
}

// ServerFact marks an interface whose implementations serve requests: a
// gRPC service's server interface, a gqlgen resolver interface.
type ServerFact struct{ Kind Kind }

// AFact marks ServerFact as an analysis fact.
func (*ServerFact) AFact() {}

func (f *ServerFact) String() string { return "serves " + f.Kind.String() + "s" }

// Analyzer finds the handlers of a package. It reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "reqpath",
	Doc:        "reqpath: find the functions that serve requests (a helper of crisislint's analyzers)",
	URL:        "https://github.com/crisislint/crisislint/tree/main/internal/reqpath",
	Run:        report.Safe(run),
	FactTypes:  []analysis.Fact{new(ServerFact)},
	ResultType: reflect.TypeFor[*Result](),
}

// Result holds a package's handlers.
type Result struct {
	pass     *analysis.Pass
	shapes   *Shapes
	handlers []*Handler
	byNode   map[ast.Node]*Handler
	stubs    map[ast.Node]bool // literals a fake server serves (see stub)

	mu sync.Mutex // guards shapes' cache: the analyzers that require this one ask concurrently
}

// Handlers returns the package's handlers in source order.
func (r *Result) Handlers() []*Handler { return r.handlers }

// Of returns the handler whose declaration or literal is n, or nil.
func (r *Result) Of(n ast.Node) *Handler { return r.byNode[n] }

// ReachesRequest reports whether a value of type t is the request or
// leads to it.
func (r *Result) ReachesRequest(t types.Type) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.shapes.ReachesRequest(t)
}

// Serves reports whether a function of signature sig, called with the
// request, serves it: it has a handler's shape. A call of one hands the
// request on, and a literal of one is a handler, not work done now.
func (r *Result) Serves(sig *types.Signature) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.shape(sig)
	return ok
}

// HandsOn reports whether a call hands the request to a handler of the
// same module (next.ServeHTTP(w, r), s.renderUser(ctx, u)): that one is
// analyzed as a handler of its own, and what it does is reported there,
// once. A handler of another module is a library's: what it does is
// reported at the call.
func (r *Result) HandsOn(call *ast.CallExpr) bool {
	sig, ok := r.pass.TypesInfo.TypeOf(call.Fun).(*types.Signature)
	if !ok || !r.Serves(sig) {
		return false
	}
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return true // a handler value: next.ServeHTTP, h(w, r)
	}
	mod := r.pass.Module
	return fn.Pkg() == r.pass.Pkg || mod != nil && mod.Path != "" && within(fn.Pkg().Path(), mod.Path)
}

func within(path, module string) bool {
	return path == module || strings.HasPrefix(path, module+"/")
}

func run(pass *analysis.Pass) (any, error) {
	r := &Result{pass: pass, shapes: NewShapes(), byNode: make(map[ast.Node]*Handler), stubs: make(map[ast.Node]bool)}
	servers := r.servers()
	insp := inspector.New(pass.Files)
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			fn, ok := pass.TypesInfo.Defs[n.Name].(*types.Func)
			if !ok || n.Body == nil {
				continue
			}
			if h, ok := r.shape(fn.Signature()); ok {
				h.Node, h.Func = n, fn
				r.add(h)
			} else if kind, ok := servers[fn]; ok {
				r.add(rpcHandler(n, fn, kind))
			}
		case *ast.FuncLit:
			if sig, ok := pass.TypesInfo.TypeOf(n).(*types.Signature); ok {
				if h, ok := r.shape(sig); ok {
					h.Node = n
					r.add(h)
				}
			}
		case *ast.CallExpr:
			if lit := r.stub(n); lit != nil {
				r.stubs[lit] = true
			}
			r.adapted(n)
		}
	}
	slices.SortFunc(r.handlers, func(a, b *Handler) int { return cmp.Compare(a.Node.Pos(), b.Node.Pos()) })
	return r, nil
}

func (r *Result) add(h *Handler) {
	if r.byNode[h.Node] == nil && !r.stubs[h.Node] {
		r.byNode[h.Node] = h
		r.handlers = append(r.handlers, h)
	}
}

// shape returns the handler a function of signature sig is, by its
// parameters (and its receiver, for a controller's method).
func (r *Result) shape(sig *types.Signature) (*Handler, bool) {
	h := &Handler{Kind: HTTP}
	params := sig.Params()
	var carriers []*types.Var
	if recv := sig.Recv(); recv != nil {
		carriers = append(carriers, recv)
	}
	for i := range params.Len() {
		p := params.At(i)
		switch t := p.Type(); {
		case isRequest(t):
			h.Request = p
		case is(t, false, "net/http", "ResponseWriter"):
			h.Writer = p
		case is(t, false, "context", "Context"):
			h.context = p
		case named(t) != nil && knowledge.RPCRequestTypes[knowledge.TypeName(t)]:
			h.Kind = RPC
		default:
			carriers = append(carriers, p)
		}
	}
	switch {
	case h.Kind == RPC:
		h.Request, h.Writer = nil, nil
		return h, h.context != nil
	case h.Request != nil && h.Writer != nil:
		return h, true
	}
	for _, p := range carriers {
		reach := r.shapes.Reach(p.Type())
		if !reach.carrier() {
			continue
		}
		h.Request, h.Writer, h.carrier = p, nil, true
		h.requestPath, h.writerPath = reach.request.path, reach.writer.path
		if f, ok := frameworkOf(p.Type()); ok {
			h.framework = &f
		} else if reach.context {
			// A framework's context that is a context.Context (gitea's,
			// buffalo's) is the request's, and the idiom is to pass it.
			h.context = p
		}
		return h, true
	}
	return nil, false
}

// stub returns the handler literal a call hands to a fake server
// (httptest.NewServer(http.HandlerFunc(func(w, r) {...}))): a stub of
// another service for tests or local development, not a handler of the
// service, even in a package that imports no testing package.
func (r *Result) stub(call *ast.CallExpr) *ast.FuncLit {
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	i, ok := knowledge.FakeServers[knowledge.FuncName(fn)]
	if fn == nil || !ok || i >= len(call.Args) {
		return nil
	}
	arg := ast.Unparen(call.Args[i])
	for {
		conv, ok := arg.(*ast.CallExpr)
		if !ok || !r.pass.TypesInfo.Types[conv.Fun].IsType() || len(conv.Args) != 1 {
			break
		}
		arg = ast.Unparen(conv.Args[0]) // http.HandlerFunc(...)
	}
	lit, _ := arg.(*ast.FuncLit)
	return lit
}

// adapted records the function values a call is handed that will get the
// request: a func(*http.Request) (any, error) given to an adapter that
// makes an HTTP handler of it.
func (r *Result) adapted(call *ast.CallExpr) {
	if !r.programs(call) {
		return // a library's hook (resty's pre-request hook) gets an outbound request
	}
	for _, a := range call.Args {
		var node ast.Node
		var fn *types.Func
		var id *ast.Ident
		switch a := ast.Unparen(a).(type) {
		case *ast.FuncLit:
			node = a
		case *ast.Ident:
			id = a
		case *ast.SelectorExpr:
			id = a.Sel // a method value: s.list
		}
		if id != nil {
			fn, _ = r.pass.TypesInfo.Uses[id].(*types.Func)
			if fn == nil || fn.Pkg() != r.pass.Pkg {
				continue
			}
			node = r.decl(fn)
		}
		if node == nil || r.byNode[node] != nil {
			continue
		}
		sig, ok := r.pass.TypesInfo.TypeOf(a).(*types.Signature)
		if !ok {
			continue
		}
		if fn != nil {
			sig = fn.Signature() // the declaration's parameter names
		}
		if h, ok := r.shape(sig); ok {
			h.Node, h.Func = node, fn
			r.add(h)
			continue
		}
		for i := range sig.Params().Len() {
			if p := sig.Params().At(i); isRequest(p.Type()) {
				r.add(&Handler{Node: node, Func: fn, Kind: HTTP, Request: p})
				break
			}
		}
	}
}

// programs reports whether a call is to the program's own code: a
// function of the module, a conversion to one of its types, a function
// value. Without module information (GOPATH), every call is.
func (r *Result) programs(call *ast.CallExpr) bool {
	m := r.pass.Module
	if m == nil || m.Path == "" {
		return true
	}
	var pkg *types.Package
	if tv := r.pass.TypesInfo.Types[call.Fun]; tv.IsType() {
		if n, ok := types.Unalias(tv.Type).(*types.Named); ok {
			pkg = n.Obj().Pkg()
		}
	} else if fn, ok := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func); ok {
		pkg = fn.Pkg()
	}
	return pkg == nil || pkg.Path() == m.Path || strings.HasPrefix(pkg.Path(), m.Path+"/")
}

// decl returns the declaration of a function of the package.
func (r *Result) decl(fn *types.Func) ast.Node {
	for _, f := range r.pass.Files {
		if f.FileStart <= fn.Pos() && fn.Pos() <= f.FileEnd {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Pos() == fn.Pos() && fd.Body != nil {
					return fd
				}
			}
		}
	}
	return nil
}

func rpcHandler(fd *ast.FuncDecl, fn *types.Func, kind Kind) *Handler {
	h := &Handler{Node: fd, Func: fn, Kind: kind}
	if ps := fn.Signature().Params(); ps.Len() > 0 && knowledge.TypeName(ps.At(0).Type()) == knowledge.ContextType {
		h.context = ps.At(0)
	}
	return h
}
