// The Result: the questions the analyzers that require effects ask
// about the calls of a package.

package effects

import (
	"go/ast"
	"go/types"
	"slices"
	"sync"

	"github.com/crisislint/crisislint/internal/callindex"
	"github.com/crisislint/crisislint/internal/reqpath"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
)

// Result answers questions about the calls of one package.
type Result struct {
	// Panic is set when computing the effects failed: what is known is
	// partial, and the analyzers that use it report an internal error.
	Panic string

	pass    *analysis.Pass
	index   *strexpr.Index
	callees *callindex.Index
	rp      *reqpath.Result

	bodies map[ast.Node]*body            // *ast.FuncDecl or *ast.FuncLit
	funcs  map[*types.Func]*body         // the package's declared functions
	other  map[*types.Func]*Set          // functions of other packages, from facts
	ifaces map[*types.Func]*Set          // interface methods, from facts
	impls  map[*types.Func][]*types.Func // interface methods → the package's implementations

	concrete  *[]*types.TypeName     // the package's types that may implement interfaces, once asked
	elsewhere map[string][]Impl      // interface method keys → other packages' implementations, once asked
	idle      map[string]int         // interface method keys → other packages' implementations that do nothing
	asked     map[string]bool        // the interface method keys looked up elsewhere
	async     map[*types.Func][]int  // the package's functions that run a parameter with go
	randoms   map[*types.Func]bool   // the package's functions that return a random value
	resolving map[*ast.CallExpr]bool // the calls whose receivers' makers are being resolved
	// contextSet holds the calls whose result is later given a context
	// (see givenContext), once asked.
	contextSet map[*ast.CallExpr]bool
	locked     map[*ast.CallExpr]*lock     // calls made while a shared mutex is held
	calls      map[*ast.CallExpr]*callInfo // what is known of each call, once
	filled     map[types.Object]bool       // the caches the package fills, once asked (see filledCaches)

	present [numKinds]bool // the kinds some call of the package has

	mu sync.Mutex // guards the caches when analyzers ask concurrently
}

// Call returns what a call does. Analyzers that require this one may ask
// concurrently.
func (r *Result) Call(call *ast.CallExpr) Set {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out Set
	for _, e := range r.call(call) {
		if e == nil {
			continue
		}
		made := *e
		if r.bind(nil, call, &made) {
			made.Param, made.Methods = 0, nil // what the call does, whoever asks
			out.add(made)
		}
	}
	return out
}

// Func returns what calling fn does, when fn is the program's: a function
// of this package, or of another through its facts, or an interface
// method through the implementations visible here.
func (r *Result) Func(fn *types.Func) Set {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.funcSet(fn)
}

// Decl returns the declaration of a function of the package that has a
// body, or nil.
func (r *Result) Decl(fn *types.Func) *ast.FuncDecl {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b := r.funcs[fn.Origin()]; b != nil {
		fd, _ := b.node.(*ast.FuncDecl)
		return fd
	}
	return nil
}

// Calls returns the calls a function of the package (a declaration or a
// literal) makes while it runs: not those of the goroutines it starts,
// nor of the function literals it only stores, nor those that hand the
// request to another handler of the module (see HandsOn).
func (r *Result) Calls(node ast.Node) []*ast.CallExpr {
	r.mu.Lock()
	defer r.mu.Unlock()
	b := r.bodies[node]
	if b == nil {
		return nil
	}
	var out []*ast.CallExpr
	for _, st := range b.sites {
		if _, lit := ast.Unparen(st.call.Fun).(*ast.FuncLit); lit {
			continue // func() { ... }(): its calls are the function's own sites
		}
		if st.sync && !r.rp.HandsOn(st.call) {
			out = append(out, st.call)
		}
	}
	return out
}

// Site returns the attributes of a call that a function of the package
// (a declaration or a literal) makes: why it may not be made, or may not
// hold its caller, each time the function runs. Call's effects carry
// those of the calls below it, not the call's own.
func (r *Result) Site(node ast.Node, call *ast.CallExpr) Attrs {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b := r.bodies[node]; b != nil {
		for _, st := range b.sites {
			if st.call == call {
				return st.attrs
			}
		}
	}
	return 0
}

// HandsOn reports whether a call hands the request to a handler of the
// same module: see reqpath.Result.HandsOn.
func (r *Result) HandsOn(call *ast.CallExpr) bool { return r.rp.HandsOn(call) }

// isHandler reports whether a function literal serves requests: handed
// to a router, it runs per request, not when the function runs.
func (r *Result) isHandler(lit *ast.FuncLit) bool { return r.rp.Of(lit) != nil }

// Stores reports whether a call keeps the function literals it is handed
// rather than running them: see storesFunc.
func (r *Result) Stores(call *ast.CallExpr) bool { return r.storesFunc(call) }

// Background reports whether a function literal runs in a goroutine of
// its own that the function around it does not wait for, so that what it
// does happens after that function returns: started with go, call being
// g's call, and not awaited by outer, the function g is in (see
// awaited); or handed, as an argument of call, to a function that starts
// it with go (gopool.Go, a FireAndForget of the program's).
func (r *Result) Background(lit *ast.FuncLit, call *ast.CallExpr, g *ast.GoStmt, outer ast.Node) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if ast.Unparen(call.Fun) == lit {
		return g != nil && g.Call == call && !r.awaited(&body{node: outer}, g)
	}
	for i, a := range call.Args {
		if ast.Unparen(a) == lit {
			return slices.Contains(r.asyncParams(call), i)
		}
	}
	return false
}

// Has reports whether any function of the package has an effect of kind
// k: when none has, no call of the package has one, and an analyzer that
// looks for it can stop.
func (r *Result) Has(k Kind) bool { return r.present[k] }

// Index returns the package's index of variables: varindex's result,
// which an analyzer that needs nothing else of effects requires itself.
func (r *Result) Index() *strexpr.Index { return r.index }

// Name names a function in a chain: pkg.Func, (*pkg.Type).Method.
func Name(fn *types.Func) string {
	qual := func(p *types.Package) string { return p.Name() }
	sig := fn.Signature()
	if recv := sig.Recv(); recv != nil {
		return "(" + types.TypeString(recv.Type(), qual) + ")." + fn.Name()
	}
	if fn.Pkg() == nil {
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// Lit returns what a function literal of the package does when it runs.
func (r *Result) Lit(lit *ast.FuncLit) Set {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b := r.bodies[lit]; b != nil {
		return b.set
	}
	return Set{}
}
