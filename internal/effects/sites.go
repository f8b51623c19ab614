// Site collection: the calls each function of the package makes when it
// runs, in its own goroutine or another.

package effects

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/types/typeutil"
)

// body is a function of the package and what it does.
type body struct {
	node  ast.Node
	sites []site
	set   Set
}

// site is a call a function makes when it runs; sync is false for a call
// that runs in a goroutine of its own; attrs say when the call is made
// only sometimes (see conditions.go).
type site struct {
	call  *ast.CallExpr
	sync  bool
	attrs Attrs
}

// counts reports whether an effect of kind k at the site is an effect of
// its function: a goroutine's wait does not hold the caller.
func (st site) counts(k Kind) bool { return st.sync || k.async() }

// collect finds the package's functions and the calls each makes when it
// runs.
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
	r.serving(b, block)
	r.backoffs(b, block)
	if fd, ok := node.(*ast.FuncDecl); ok {
		r.settings(b, fd)
		r.memos(b, fd)
		r.cached(b, fd)
		r.refreshes(b, fd)
	}
	return b
}

// walk records the calls under n that run when the function runs. A
// function literal runs with it when it is called at once, deferred, run
// by go (in a goroutine of its own), or handed to a call (a callback); a
// literal that is stored runs when it is called, and is a body of its own.
func (r *Result) walk(b *body, n ast.Node, sync bool) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			r.walk(b, n.Call, sync && r.awaited(b, n))
			return false
		case *ast.CallExpr:
			st := site{call: n, sync: sync}
			if r.abandons(n) {
				st.attrs |= Abandoned
			}
			b.sites = append(b.sites, st)
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				r.walk(b, lit.Body, sync)
				r.newBody(lit, lit.Body)
				for _, a := range n.Args {
					r.walk(b, a, sync)
				}
				return false
			}
			stores := r.storesFunc(n)
			async := r.asyncParams(n)
			for i, a := range n.Args {
				if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
					if !stores && !r.isHandler(lit) { // mux.HandleFunc registers a handler: it runs per request
						// A callee that starts it with go runs it in a
						// goroutine of its own (routine.FireAndForget).
						r.walk(b, lit.Body, sync && !slices.Contains(async, i))
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

// awaited reports whether the function b waits for the goroutine a go
// statement starts before it goes on: the goroutine calls Done on a
// sync.WaitGroup the function then Waits on, or sends on (or closes) a
// channel the function then receives from outside a select (a select
// may stop waiting on a timer or the context). Fanning work out to
// goroutines and waiting for them all keeps the caller waiting for the
// slowest.
func (r *Result) awaited(b *body, g *ast.GoStmt) bool {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok {
		return false
	}
	var fnBody *ast.BlockStmt
	switch n := b.node.(type) {
	case *ast.FuncDecl:
		fnBody = n.Body
	case *ast.FuncLit:
		fnBody = n.Body
	}
	if fnBody == nil {
		return false
	}
	info := r.pass.TypesInfo
	object := func(e ast.Expr) types.Object {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			return info.Uses[e]
		case *ast.SelectorExpr:
			return info.Uses[e.Sel]
		}
		return nil
	}
	method := func(call *ast.CallExpr, name string) types.Object {
		fn, _ := typeutil.Callee(info, call).(*types.Func)
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn != nil && knowledge.FuncName(fn) == name {
			return object(sel.X)
		}
		return nil
	}
	signals := make(map[types.Object]bool) // the WaitGroups and channels the goroutine signals
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if o := method(n, "(*sync.WaitGroup).Done"); o != nil {
				signals[o] = true
			}
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) == 1 {
				if _, ok := info.Uses[id].(*types.Builtin); ok && id.Name == "close" {
					if o := object(n.Args[0]); o != nil {
						signals[o] = true
					}
				}
			}
		case *ast.SendStmt:
			if o := object(n.Chan); o != nil {
				signals[o] = true
			}
		}
		return true
	})
	if len(signals) == 0 {
		return false
	}
	waits := false
	ast.Inspect(fnBody, func(n ast.Node) bool {
		if waits {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectStmt, *ast.FuncLit:
			return false // a wait that may end early, or that runs elsewhere
		case *ast.CallExpr:
			if o := method(n, "(*sync.WaitGroup).Wait"); o != nil && n.Pos() > g.End() {
				waits = signals[o]
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && n.Pos() > g.End() {
				if o := object(n.X); o != nil {
					waits = signals[o]
				}
			}
		}
		return true
	})
	return waits
}

// abandons reports whether a call is handed a callback that stops
// waiting for its work when a context is done or a timer fires: its last
// statement is a select with a case on ctx.Done() or a timer's channel,
// and the work runs in a goroutine it starts. The call (a transaction
// around the callback) ends when the callback returns, whatever the
// goroutine still does:
//
//	app.RunInTransaction(func(tx App) error {
//		go func() { errCh <- process(tx) }()
//		select {
//		case err := <-errCh:
//			return err
//		case <-time.After(timeout):
//			return errTimeout
//		case <-r.Context().Done():
//			return errInterrupted
//		}
//	})
func (r *Result) abandons(call *ast.CallExpr) bool {
	for _, a := range call.Args {
		lit, ok := ast.Unparen(a).(*ast.FuncLit)
		if !ok || len(lit.Body.List) == 0 {
			continue
		}
		sel, ok := lit.Body.List[len(lit.Body.List)-1].(*ast.SelectStmt)
		if !ok || !slices.ContainsFunc(lit.Body.List, func(st ast.Stmt) bool { _, ok := st.(*ast.GoStmt); return ok }) {
			continue
		}
		for _, c := range sel.Body.List {
			if cc, ok := c.(*ast.CommClause); ok && r.givesUp(cc.Comm) {
				return true
			}
		}
	}
	return false
}

// givesUp reports whether a select case receives from a context's Done
// or a timer: <-ctx.Done(), <-time.After(d), <-timer.C.
func (r *Result) givesUp(comm ast.Stmt) bool {
	var x ast.Expr
	switch c := comm.(type) {
	case *ast.ExprStmt:
		x = c.X
	case *ast.AssignStmt:
		if len(c.Rhs) == 1 {
			x = c.Rhs[0]
		}
	}
	recv, ok := ast.Unparen(x).(*ast.UnaryExpr)
	if !ok || recv.Op != token.ARROW {
		return false
	}
	switch ch := ast.Unparen(recv.X).(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(r.pass.TypesInfo, ch).(*types.Func)
		return fn != nil && knowledge.GiveUpCalls[knowledge.FuncName(fn)]
	case *ast.SelectorExpr:
		// timer.C
		sel, ok := r.pass.TypesInfo.Selections[ch]
		if !ok || sel.Kind() != types.FieldVal || ch.Sel.Name != "C" {
			return false
		}
		t := sel.Recv()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		return knowledge.TimerTypes[knowledge.TypeName(t)]
	}
	return false
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

// asyncParams returns the indices of the parameters of a call's callee
// that the callee runs in a goroutine of its own: a function of the
// package that does, or one of another package whose AsyncFact says so.
func (r *Result) asyncParams(call *ast.CallExpr) []int {
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if knowledge.AsyncRunners[knowledge.FuncName(fn)] {
		var funcs []int // a pool's Go(f): every function it is handed
		params := fn.Signature().Params()
		for i := range params.Len() {
			if _, ok := params.At(i).Type().Underlying().(*types.Signature); ok {
				funcs = append(funcs, i)
			}
		}
		return funcs
	}
	if fn.Pkg() == r.pass.Pkg {
		return r.async[fn]
	}
	var f AsyncFact
	if fn.Pkg() != nil && r.pass.ImportObjectFact(fn, &f) {
		return f.Params
	}
	return nil
}

// findAsync finds the functions of the package that start a function
// parameter with go, directly (go f()) or in a literal they start
// (go func() { defer recover(); f() }()): they return before it runs.
func (r *Result) findAsync() {
	r.async = make(map[*types.Func][]int)
	for _, f := range r.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := r.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			params := fn.Signature().Params()
			index := make(map[types.Object]int)
			for i := range params.Len() {
				if _, ok := params.At(i).Type().Underlying().(*types.Signature); ok {
					index[params.At(i)] = i
				}
			}
			if len(index) == 0 {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				g, ok := n.(*ast.GoStmt)
				if !ok {
					return true
				}
				ast.Inspect(g.Call, func(n ast.Node) bool {
					if call, ok := n.(*ast.CallExpr); ok {
						if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
							if i, ok := index[r.pass.TypesInfo.Uses[id]]; ok && !slices.Contains(r.async[fn], i) {
								r.async[fn] = append(r.async[fn], i)
							}
						}
					}
					return true
				})
				return false
			})
		}
	}
}
