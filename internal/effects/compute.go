package effects

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"sync"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/reqpath"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Result answers questions about the calls of one package.
type Result struct {
	// Panic is set when computing the effects failed: what is known is
	// partial, and the analyzers that use it report an internal error.
	Panic string

	pass  *analysis.Pass
	index *strexpr.Index
	rp    *reqpath.Result

	bodies map[ast.Node]*body            // *ast.FuncDecl or *ast.FuncLit
	funcs  map[*types.Func]*body         // the package's declared functions
	other  map[*types.Func]*Set          // functions of other packages, from facts
	ifaces map[*types.Func]*Set          // interface methods, from facts
	impls  map[*types.Func][]*types.Func // interface methods → the package's implementations
	locked map[*ast.CallExpr]string      // calls made while a package-level mutex is held
	calls  map[*ast.CallExpr]*callInfo   // what is known of each call, once

	present [numKinds]bool // the kinds some call of the package has

	mu sync.Mutex // guards the caches when analyzers ask concurrently
}

// body is a function of the package and what it does.
type body struct {
	node  ast.Node
	sites []site
	set   Set
}

// site is a call a function makes when it runs; sync is false for a call
// that runs in a goroutine of its own; memo is set for a call made only
// when a field of the method's receiver is still empty (a lazy loader:
// if a.Repo != nil { return nil }), which a caller may have preloaded.
type site struct {
	call  *ast.CallExpr
	sync  bool
	memo  bool
	serve bool // made in a loop that serves a channel until it closes
}

// counts reports whether an effect of kind k at the site is an effect of
// its function: a goroutine's wait does not hold the caller, and a lazy
// loader's query, a worker's, or an error path's are not made on every call.
func (st site) counts(k Kind) bool {
	if k.async() {
		return !st.memo && !st.serve
	}
	return st.sync
}

// maxRounds bounds the fixpoint over the package's functions; chains only
// shorten and effects are only added, so it converges well before.
const maxRounds = 12

func run(pass *analysis.Pass) (res any, err error) {
	r := &Result{
		pass:   pass,
		index:  strexpr.NewIndex(pass.Files, pass.TypesInfo),
		rp:     pass.ResultOf[reqpath.Analyzer].(*reqpath.Result),
		bodies: make(map[ast.Node]*body),
		funcs:  make(map[*types.Func]*body),
		other:  make(map[*types.Func]*Set),
		ifaces: make(map[*types.Func]*Set),
		impls:  make(map[*types.Func][]*types.Func),
		locked: make(map[*ast.CallExpr]string),
		calls:  make(map[*ast.CallExpr]*callInfo),
	}
	defer func() {
		// A bug here must not take every analyzer that requires this one
		// down with it: they get what was computed so far, and report the
		// bug.
		if p := recover(); p != nil {
			r.Panic = fmt.Sprint(p)
			res, err = r, nil
		}
	}()
	r.collect()
	for range maxRounds {
		changed := false
		for _, b := range r.ordered() {
			var s Set
			for _, st := range b.sites {
				for _, e := range r.call(st.call) {
					if e != nil && st.counts(e.Kind) {
						s.add(*e)
					}
				}
			}
			if !sameSet(s, b.set) {
				changed = true
				b.set = s
			}
		}
		if !changed {
			break
		}
	}
	for _, b := range r.bodies {
		for _, st := range b.sites {
			for k, e := range r.call(st.call) {
				r.present[k] = r.present[k] || e != nil
			}
		}
	}
	r.export()
	return r, nil
}

func sameSet(a, b Set) bool {
	for k := range a {
		if (a[k] == nil) != (b[k] == nil) {
			return false
		}
		if a[k] != nil && !slices.Equal(a[k].Chain, b[k].Chain) {
			return false
		}
	}
	return true
}

// ordered returns the bodies in source order, for deterministic results.
func (r *Result) ordered() []*body {
	out := make([]*body, 0, len(r.bodies))
	for _, b := range r.bodies {
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b *body) int { return int(a.node.Pos() - b.node.Pos()) })
	return out
}

// collect finds the package's functions and the calls each makes when it
// runs, and the calls made under a package-level mutex.
func (r *Result) collect() {
	for _, f := range r.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			b := r.newBody(fd, fd.Body)
			if fn, ok := r.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				r.funcs[fn] = b
			}
		}
	}
}

func (r *Result) newBody(node ast.Node, block *ast.BlockStmt) *body {
	if b, ok := r.bodies[node]; ok {
		return b // a literal met again, inside another literal
	}
	b := &body{node: node}
	r.bodies[node] = b
	r.walk(b, block, true)
	r.locks(block)
	r.serving(b, block)
	if fd, ok := node.(*ast.FuncDecl); ok {
		r.memos(b, fd)
	}
	return b
}

// serving marks the sites made in a loop that serves a channel until it
// is closed (for job := range jobs, for { select { ... } }), and on error
// paths (if err != nil { ... }): a worker's queries, or a failure notice,
// are not made on every call of the function.
func (r *Result) serving(b *body, block *ast.BlockStmt) {
	var loops []ast.Node // and error paths: if err != nil { notify(...) }
	ast.Inspect(block, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.RangeStmt:
			if t := r.pass.TypesInfo.TypeOf(n.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					loops = append(loops, n)
				}
			}
		case *ast.ForStmt:
			if n.Cond == nil && slices.ContainsFunc(n.Body.List, func(st ast.Stmt) bool { _, ok := st.(*ast.SelectStmt); return ok }) {
				loops = append(loops, n)
			}
		case *ast.IfStmt:
			if r.testsError(n.Cond) {
				loops = append(loops, n.Body)
			}
		}
		return true
	})
	for i := range b.sites {
		b.sites[i].serve = b.sites[i].serve || inside(b.sites[i].call, loops)
	}
}

// inside reports whether n lies within one of the nodes.
func inside(n ast.Node, nodes []ast.Node) bool {
	return slices.ContainsFunc(nodes, func(m ast.Node) bool { return m.Pos() <= n.Pos() && n.End() <= m.End() })
}

// memos marks the sites of a lazy loader: a function that makes them only
// while a field of its receiver is empty, after a guard
// if a.Repo != nil { return nil }, or inside if a.Repo == nil { ... } or
// if !a.loaded { ... }. Whether they run depends on whether the caller
// preloaded the field. A pointer parameter's flag counts too, when the
// function raises it: if !ctx.gotTags { ctx.tags = load(); ctx.gotTags = true }.
func (r *Result) memos(b *body, fd *ast.FuncDecl) {
	owners := make(map[types.Object]bool) // the holders of memo fields; true: a parameter
	if fd.Recv != nil && len(fd.Recv.List) == 1 && len(fd.Recv.List[0].Names) == 1 {
		if recv := r.pass.TypesInfo.Defs[fd.Recv.List[0].Names[0]]; recv != nil {
			owners[recv] = false
		}
	}
	for _, field := range fd.Type.Params.List {
		for _, name := range field.Names {
			if obj := r.pass.TypesInfo.Defs[name]; obj != nil {
				if _, ok := obj.Type().Underlying().(*types.Pointer); ok {
					owners[obj] = true
				}
			}
		}
	}
	if len(owners) == 0 {
		return
	}
	var guarded []ast.Node // ranges whose calls are memoized
	for _, st := range fd.Body.List {
		if ifs, ok := st.(*ast.IfStmt); ok && ifs.Init == nil &&
			r.testsField(ifs.Cond, owners, token.NEQ, fd) && endsInReturn(ifs.Body) {
			guarded = append(guarded, &ast.BlockStmt{Lbrace: ifs.End(), Rbrace: fd.Body.End()})
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if ifs, ok := n.(*ast.IfStmt); ok && r.testsField(ifs.Cond, owners, token.EQL, fd) {
			guarded = append(guarded, ifs.Body)
		}
		return true
	})
	for i := range b.sites {
		b.sites[i].memo = b.sites[i].memo || inside(b.sites[i].call, guarded)
	}
}

// testsField reports whether cond, or a conjunct of it, compares a field
// of an owner with its zero value using op: a.Repo != nil, a.ID == 0,
// len(a.Units) == 0.
func (r *Result) testsField(cond ast.Expr, owners map[types.Object]bool, op token.Token, fd *ast.FuncDecl) bool {
	switch c := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		// if !a.loaded { load } guards a load on a boolean flag.
		return op == token.EQL && c.Op == token.NOT && r.flag(c.X, owners, fd)
	case *ast.SelectorExpr:
		// if a.loaded { return } guards the early return.
		return op == token.NEQ && r.flag(c, owners, fd)
	case *ast.BinaryExpr:
		// a.Repo == nil && a.RepoID > 0 guards a load; so does
		// a.Repo != nil || a.RepoID == 0 guard the early return.
		if c.Op == token.LAND && op == token.EQL || c.Op == token.LOR && op == token.NEQ {
			return r.testsField(c.X, owners, op, fd) || r.testsField(c.Y, owners, op, fd)
		}
		nonEmpty := op == token.NEQ && c.Op == token.GTR // len(a.Units) > 0
		if c.Op != op && !nonEmpty {
			return false
		}
		x := ast.Unparen(c.X)
		if call, ok := x.(*ast.CallExpr); ok && len(call.Args) == 1 {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "len" {
				x = ast.Unparen(call.Args[0])
			}
		}
		sel, ok := x.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok {
			return false
		}
		// Only a receiver's: a function that fills a parameter's empty
		// field, if c.Commits == nil { c.Commits = load(c) }, is how code
		// loads per item, and the loop around it is the N+1.
		if param, ok := owners[r.pass.TypesInfo.Uses[id]]; !ok || param {
			return false
		}
		tv := r.pass.TypesInfo.Types[c.Y]
		return tv.IsNil() || tv.Value != nil
	}
	return false
}

// flag reports whether x is a boolean field of an owner that fd also
// sets, a.loaded: a flag raised once loaded, not a setting such as
// a.disabled that merely skips the work.
func (r *Result) flag(x ast.Expr, owners map[types.Object]bool, fd *ast.FuncDecl) bool {
	sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	if _, ok := owners[r.pass.TypesInfo.Uses[id]]; !ok {
		return false
	}
	if b, ok := r.pass.TypesInfo.TypeOf(sel).Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
		return false
	}
	return r.sets(fd, sel)
}

// sets reports whether fd assigns the field sel selects.
func (r *Result) sets(fd *ast.FuncDecl, sel *ast.SelectorExpr) bool {
	field := r.pass.TypesInfo.Uses[sel.Sel]
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, lhs := range as.Lhs {
				if s, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && r.pass.TypesInfo.Uses[s.Sel] == field {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// TestsError reports whether cond tests an error for non-nil: what it
// guards is an error path.
func (r *Result) TestsError(cond ast.Expr) bool { return r.testsError(cond) }

// testsError reports whether cond tests an error for non-nil.
func (r *Result) testsError(cond ast.Expr) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		if be, ok := n.(*ast.BinaryExpr); ok && be.Op == token.NEQ && r.pass.TypesInfo.Types[be.Y].IsNil() {
			if t := r.pass.TypesInfo.TypeOf(be.X); t != nil && types.Identical(t, types.Universe.Lookup("error").Type()) {
				found = true
			}
		}
		return !found
	})
	return found
}

func endsInReturn(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	_, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}

// walk records the calls under n that run when the function runs. A
// function literal runs with it when it is called at once, deferred, run
// by go (in a goroutine of its own), or handed to a call (a callback); a
// literal that is stored runs when it is called, and is a body of its own.
func (r *Result) walk(b *body, n ast.Node, sync bool) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			r.walk(b, n.Call, false)
			return false
		case *ast.CallExpr:
			b.sites = append(b.sites, site{call: n, sync: sync})
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				r.walk(b, lit.Body, sync)
				r.newBody(lit, lit.Body)
				for _, a := range n.Args {
					r.walk(b, a, sync)
				}
				return false
			}
			stores := r.storesFunc(n)
			for _, a := range n.Args {
				if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
					if !stores && !r.isHandler(lit) { // mux.HandleFunc registers a handler: it runs per request

						r.walk(b, lit.Body, sync)
					}
					r.newBody(lit, lit.Body)
				} else {
					r.walk(b, a, sync)
				}
			}
			r.walk(b, n.Fun, sync)
			return false
		case *ast.FuncLit:
			// Stored, returned or assigned: it runs when it is called.
			r.newBody(n, n.Body)
			return false
		}
		return true
	})
}

// storesFunc reports whether a call keeps a function it is handed
// instead of running it each time: append(fns, func() {...}), a
// conversion (http.HandlerFunc(func(w, r) {...})), a sync.Once that runs
// it once per process, or a cache that runs it on a miss.
func (r *Result) storesFunc(call *ast.CallExpr) bool {
	if r.pass.TypesInfo.Types[call.Fun].IsType() {
		return true
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if _, ok := r.pass.TypesInfo.Uses[id].(*types.Builtin); ok {
			return true
		}
	}
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	return fn != nil && (knowledge.OnceRunners[knowledge.FuncName(fn)] || knowledge.IsCacheLoader(fn))
}

// locks marks the calls made while a package-level mutex is held: from
// its Lock to the next Unlock in the same function, or to the end of the
// function when the Unlock is deferred.
func (r *Result) locks(block *ast.BlockStmt) {
	type held struct {
		name     string
		from, to token.Pos
	}
	var regions []held
	var calls []*ast.CallExpr
	deferred := make(map[*ast.CallExpr]bool)
	ast.Inspect(block, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			deferred[n.Call] = true
		case *ast.CallExpr:
			calls = append(calls, n)
		}
		return true
	})
	for i, c := range calls {
		name, op := r.mutexOp(c)
		if name == "" || op != "Lock" && op != "RLock" {
			continue
		}
		h := held{name: name, from: c.End(), to: block.End()}
		for _, u := range calls[i+1:] {
			if n, uop := r.mutexOp(u); n == name && (uop == "Unlock" || uop == "RUnlock") && !deferred[u] {
				h.to = u.Pos()
				break
			}
		}
		regions = append(regions, h)
	}
	for _, h := range regions {
		for _, c := range calls {
			if c.Pos() >= h.from && c.End() <= h.to {
				if _, ok := r.locked[c]; !ok {
					r.locked[c] = h.name
				}
			}
		}
	}
}

// mutexOp recognizes mu.Lock() and its kin on a package-level mutex (or
// one embedded in or reached from a package-level variable).
func (r *Result) mutexOp(call *ast.CallExpr) (name, op string) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", ""
	}
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Signature().Recv() == nil || !knowledge.Mutexes[strings.TrimPrefix(knowledge.TypeName(fn.Signature().Recv().Type()), "*")] {
		return "", ""
	}
	if !r.global(sel.X) {
		return "", ""
	}
	return types.ExprString(sel.X), fn.Name()
}

// global reports whether e is a package-level variable or is reached from
// one (cache.mu, registry).
func (r *Result) global(e ast.Expr) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, ok := r.pass.TypesInfo.Uses[x].(*types.Var)
			return ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
		case *ast.SelectorExpr:
			if v, ok := r.pass.TypesInfo.ObjectOf(x.Sel).(*types.Var); ok && !v.IsField() {
				return true // pkg.Var
			}
			e = x.X
		default:
			return false
		}
	}
}

// export records the effects of the functions other packages can call:
// exported functions, methods, and the methods of the package's
// interfaces (from the package's types that implement them).
func (r *Result) export() {
	for fn, b := range r.funcs {
		if !b.set.Empty() && (fn.Exported() || fn.Signature().Recv() != nil) {
			r.pass.ExportObjectFact(fn, factOf(b.set))
		}
	}
	scope := r.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || !types.IsInterface(tn.Type()) {
			continue
		}
		iface := tn.Type().Underlying().(*types.Interface)
		for i := range iface.NumExplicitMethods() {
			m := iface.ExplicitMethod(i)
			if m.Pkg() != r.pass.Pkg {
				continue // facts go on this package's objects only
			}
			if s := r.implementations(m); !s.Empty() {
				r.pass.ExportObjectFact(m, factOf(s))
			}
		}
	}
}

// Call returns what a call does. Analyzers that require this one may ask
// concurrently.
func (r *Result) Call(call *ast.CallExpr) Set {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.call(call)
}

// call returns what a call does: what the callee does itself (a library
// call), and what it does through the functions it runs.
func (r *Result) call(call *ast.CallExpr) Set {
	c := r.static(call)
	s := c.direct
	if callee, ok := r.calleeSet(c); ok {
		for _, e := range callee.via(c.name, true) {
			if e != nil {
				s.add(*e)
			}
		}
	}
	if io := s.io(); io != nil {
		if c.detached != nil {
			s.add(Effect{Kind: Detached, Chain: io.Chain, Note: types.ExprString(c.detached), Remote: io.Remote})
		}
		if c.mutex != "" {
			s.add(Effect{Kind: GlobalLock, Chain: io.Chain, Note: c.mutex, Remote: io.Remote})
		}
	}
	return s
}

// callInfo is what does not change about a call while the package's
// functions converge: its direct effects, what it calls, its context.
type callInfo struct {
	direct   Set
	name     string      // the callee's first link
	hop      string      // a method value's method, a link of its own
	body     *body       // a function or literal of this package
	fn       *types.Func // a function of another package, or an interface method
	detached *ast.CallExpr
	mutex    string
}

func (r *Result) static(call *ast.CallExpr) *callInfo {
	if c, ok := r.calls[call]; ok {
		return c
	}
	c := &callInfo{direct: r.direct(call), detached: r.DetachedContext(call), mutex: r.locked[call]}
	r.resolve(call, c)
	r.calls[call] = c
	return c
}

// calleeSet returns what the callee does now.
func (r *Result) calleeSet(c *callInfo) (Set, bool) {
	var s Set
	switch {
	case c.body != nil:
		s = c.body.set
	case c.fn != nil:
		s = r.funcSet(c.fn)
	default:
		return s, false
	}
	if c.hop != "" {
		s = s.via(c.hop, true)
	}
	return s, true
}

// io returns the I/O effect of s that waits on a remote service, else
// the one with the shortest chain, or nil.
func (s *Set) io() *Effect {
	var best *Effect
	for _, k := range []Kind{DB, Redis, Network, Messaging} {
		if e := s[k]; e != nil && (best == nil || e.Remote && !best.Remote || e.Remote == best.Remote && len(e.Chain) < len(best.Chain)) {
			best = e
		}
	}
	return best
}

// direct returns the effects whose cause is the call itself: a library
// call that does I/O, sleeps, or does start-up work.
func (r *Result) direct(call *ast.CallExpr) Set {
	var s Set
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return s
	}
	name := knowledge.FuncName(fn)
	if !knowledge.Described(knowledge.PackageOf(name)) && fn.Signature().Recv() == nil {
		return s // only library functions and methods have direct effects
	}
	cause := []string{Name(fn)}
	if lib, ok := knowledge.DBRoundTrip(fn); ok {
		s.add(Effect{Kind: DB, Chain: cause, Note: lib})
	}
	if lib := knowledge.RedisPackage(fn); lib != "" && !r.pipelined(call) {
		s.add(Effect{Kind: Redis, Chain: cause, Note: lib})
	}
	if knowledge.IsNetworkCall(fn) {
		s.add(Effect{Kind: Network, Chain: cause, Remote: true})
	}
	if service, ok := knowledge.Messaging[name]; ok {
		s.add(Effect{Kind: Messaging, Chain: cause, Note: service, Remote: true})
	}
	if v, ok := knowledge.ContextVariants[name]; ok {
		s.add(Effect{Kind: NoContext, Chain: cause, Note: v.Name, Remote: v.Remote})
	}
	if knowledge.Sleepers[name] {
		s.add(Effect{Kind: Sleep, Chain: cause})
	}
	if what, ok := knowledge.StartupWork[name]; ok && r.constantArgs(call) {
		s.add(Effect{Kind: Startup, Chain: cause, Note: what})
	}
	return s
}

// pipelined reports whether a redis command is queued on a pipeline.
func (r *Result) pipelined(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && knowledge.RedisBatchTypes[knowledge.TypeName(r.pass.TypesInfo.TypeOf(sel.X))]
}

func (r *Result) constantArgs(call *ast.CallExpr) bool {
	if len(call.Args) == 0 {
		return false
	}
	for _, a := range call.Args {
		tv := r.pass.TypesInfo.Types[a]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return false
		}
	}
	return true
}

// resolve finds what a call reaches among the program's functions: a
// declared function or method, the methods a call through an interface may
// reach, a closure or method value held in a local variable.
func (r *Result) resolve(call *ast.CallExpr, c *callInfo) {
	fun := ast.Unparen(call.Fun)
	if lit, ok := fun.(*ast.FuncLit); ok {
		c.name, c.body = "func literal", r.bodies[lit]
		return
	}
	switch obj := r.calleeObject(fun).(type) {
	case *types.Func:
		if obj.Pkg() != nil && knowledge.Described(obj.Pkg().Path()) {
			return // the tables say what it does: see direct
		}
		c.name = Name(obj)
		r.target(obj, c)
	case *types.Var:
		// A local variable holding a closure or a method value.
		ws := r.index.Writes(obj)
		if len(ws) != 1 || ws[0].Kind != strexpr.Assign || ws[0].RHS == nil {
			return
		}
		switch rhs := ast.Unparen(ws[0].RHS).(type) {
		case *ast.FuncLit:
			c.name, c.body = obj.Name(), r.bodies[rhs]
		case *ast.SelectorExpr, *ast.Ident:
			if fn, ok := r.calleeObject(rhs).(*types.Func); ok {
				c.name, c.hop = obj.Name(), Name(fn) // get := s.author
				r.target(fn, c)
			}
		}
	}
}

func (r *Result) target(fn *types.Func, c *callInfo) {
	fn = fn.Origin()
	if b := r.funcs[fn]; b != nil {
		c.body = b
	} else {
		c.fn = fn
	}
}

func (r *Result) calleeObject(fun ast.Expr) types.Object {
	switch f := fun.(type) {
	case *ast.Ident:
		return r.pass.TypesInfo.Uses[f]
	case *ast.SelectorExpr:
		return r.pass.TypesInfo.Uses[f.Sel]
	case *ast.IndexExpr:
		return r.calleeObject(ast.Unparen(f.X)) // a generic function instantiated
	case *ast.IndexListExpr:
		return r.calleeObject(ast.Unparen(f.X))
	}
	return nil
}

// Func returns what calling fn does, when fn is the program's: a function
// of this package, or of another through its facts, or an interface
// method through the implementations visible here.
func (r *Result) Func(fn *types.Func) Set {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.funcSet(fn)
}

func (r *Result) funcSet(fn *types.Func) Set {
	fn = fn.Origin()
	if b := r.funcs[fn]; b != nil {
		return b.set
	}
	if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return r.implementations(fn)
	}
	if s, ok := r.other[fn]; ok {
		return *s
	}
	var s Set
	var f Fact
	if fn.Pkg() != nil && fn.Pkg() != r.pass.Pkg && r.pass.ImportObjectFact(fn, &f) {
		s = f.set()
	}
	r.other[fn] = &s
	return s
}

// implementations returns what a call of the interface method m may do:
// what its facts say (from the package that declares the interface), and
// what the methods of this package's types that implement it do.
func (r *Result) implementations(m *types.Func) Set {
	imported, ok := r.ifaces[m]
	if !ok {
		var f Fact
		var fs Set
		if m.Pkg() != nil && m.Pkg() != r.pass.Pkg && r.pass.ImportObjectFact(m, &f) {
			fs = f.set()
		}
		imported = &fs
		r.ifaces[m] = imported
	}
	s := *imported // a copy: the implementations below are added to it only
	for _, impl := range r.implementers(m) {
		if b := r.funcs[impl]; b != nil {
			for _, e := range b.set.via(Name(impl), true) {
				if e != nil {
					s.add(*e)
				}
			}
		}
	}
	return s
}

// implementers returns the methods of the package's own types that
// implement the interface method m.
func (r *Result) implementers(m *types.Func) []*types.Func {
	if impls, ok := r.impls[m]; ok {
		return impls
	}
	var impls []*types.Func
	iface, ok := m.Signature().Recv().Type().Underlying().(*types.Interface)
	if ok {
		scope := r.pass.Pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
				continue
			}
			if n, ok := tn.Type().(*types.Named); ok && n.TypeParams().Len() > 0 {
				continue
			}
			t := types.Type(types.NewPointer(tn.Type()))
			if !types.Implements(t, iface) {
				continue
			}
			obj, _, _ := types.LookupFieldOrMethod(t, true, r.pass.Pkg, m.Name())
			if impl, ok := obj.(*types.Func); ok {
				impls = append(impls, impl)
			}
		}
	}
	r.impls[m] = impls
	return impls
}

// DetachedContext returns the context.Background() or context.TODO() call
// that the call's context argument comes from, or nil: the argument is
// that call, a context derived from it (context.WithTimeout), or a local
// variable holding one.
func (r *Result) DetachedContext(call *ast.CallExpr) *ast.CallExpr {
	for _, a := range call.Args {
		switch knowledge.TypeName(r.pass.TypesInfo.TypeOf(a)) {
		case "context.Context":
			return r.detachedRoot(a, 0)
		case knowledge.RequestType:
			// client.Do(req): the request carries the context it was made with.
			if made := r.madeWith(a); made != nil && len(made.Args) > 0 {
				return r.detachedRoot(made.Args[0], 0)
			}
		}
	}
	return nil
}

// madeWith returns the http.NewRequestWithContext call a request variable
// comes from, or nil.
func (r *Result) madeWith(e ast.Expr) *ast.CallExpr {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	ws := r.index.Writes(v)
	if len(ws) != 1 || ws[0].RHS == nil {
		return nil
	}
	call, ok := ast.Unparen(ws[0].RHS).(*ast.CallExpr)
	if !ok {
		return nil
	}
	if fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func); fn != nil && knowledge.FuncName(fn) == "net/http.NewRequestWithContext" {
		return call
	}
	return nil
}

func (r *Result) detachedRoot(e ast.Expr, depth int) *ast.CallExpr {
	if depth > 8 {
		return nil
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(r.pass.TypesInfo, e).(*types.Func)
		if fn == nil {
			return nil
		}
		switch name := knowledge.FuncName(fn); {
		case knowledge.Detachers[name]:
			return e
		case knowledge.ContextDerivers[name] && len(e.Args) > 0:
			return r.detachedRoot(e.Args[0], depth+1)
		}
	case *ast.Ident:
		v, ok := r.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok {
			return nil
		}
		ws := r.index.Writes(v)
		if len(ws) != 1 || ws[0].RHS == nil {
			return nil
		}
		switch ws[0].Kind {
		case strexpr.Assign:
			return r.detachedRoot(ws[0].RHS, depth+1)
		case strexpr.Tuple:
			if ws[0].TupleIndex == 0 {
				return r.detachedRoot(ws[0].RHS, depth+1) // ctx, cancel := context.WithTimeout(...)
			}
		}
	}
	return nil
}

// Stores reports whether a call keeps the function literals it is handed
// rather than running them: see storesFunc.
func (r *Result) Stores(call *ast.CallExpr) bool { return r.storesFunc(call) }

// Has reports whether any function of the package has an effect of kind
// k: when none has, no call of the package has one, and an analyzer that
// looks for it can stop.
func (r *Result) Has(k Kind) bool { return r.present[k] }

// Index returns the package's index of variables, shared with the
// analyzers that require this one.
func (r *Result) Index() *strexpr.Index { return r.index }

// Lit returns what a function literal of the package does when it runs.
func (r *Result) Lit(lit *ast.FuncLit) Set {
	if b := r.bodies[lit]; b != nil {
		return b.set
	}
	return Set{}
}

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
		if st.sync && !r.handsOn(st.call) {
			out = append(out, st.call)
		}
	}
	return out
}

// HandsOn reports whether a call hands the request to a handler of the
// same module (next.ServeHTTP(w, r), s.renderUser(ctx, u)): that one is
// analyzed as a handler of its own, and what it does is reported there,
// once. A handler of another module is a library's: what it does is
// reported at the call.
func (r *Result) HandsOn(call *ast.CallExpr) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.handsOn(call)
}

// isHandler reports whether a function literal serves requests: handed
// to a router, it runs per request, not when the function runs.
func (r *Result) isHandler(lit *ast.FuncLit) bool { return r.rp.Of(lit) != nil }

func (r *Result) handsOn(call *ast.CallExpr) bool {
	sig, ok := r.pass.TypesInfo.TypeOf(call.Fun).(*types.Signature)
	if !ok || !r.rp.Serves(sig) {
		return false
	}
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return true // a handler value: next.ServeHTTP, h(w, r)
	}
	return fn.Pkg() == r.pass.Pkg || r.pass.Module != nil && r.pass.Module.Path != "" && within(fn.Pkg().Path(), r.pass.Module.Path)
}

func within(path, module string) bool {
	return path == module || strings.HasPrefix(path, module+"/")
}
