// What a site is: a call made only sometimes, by a lazy loader, on an
// error path, or in a worker loop (Attrs).

package effects

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"time"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/returns"
	"golang.org/x/tools/go/types/typeutil"
)

// serving marks the sites made in a loop that serves a channel until it
// is closed (for job := range jobs, for { select { ... } }) as a Worker's,
// and those on error paths (if err != nil { ... }) as an ErrorPath's: a
// worker's queries, or a failure notice, are not made on every call of
// the function.
func (r *Result) serving(b *body, block *ast.BlockStmt) {
	var loops, errorPaths []ast.Node
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
				errorPaths = append(errorPaths, n.Body)
			}
		}
		return true
	})
	for i := range b.sites {
		if inside(b.sites[i].call, loops) {
			b.sites[i].attrs |= Worker
		}
		if inside(b.sites[i].call, errorPaths) {
			b.sites[i].attrs |= ErrorPath
		}
	}
}

// maxAttempts is the most attempts of a retry loop whose pauses are a
// backoff (Backoff), and maxPause the longest constant pause between two.
const (
	maxAttempts = 5
	maxPause    = 5 * time.Second
)

// backoffs marks the sites in the body of a retry loop of a few attempts
// (Backoff):
//
//	for attempt := 0; attempt < 3; attempt++ {
//		resp, err = client.Do(req) // req made with a context
//		if err == nil {
//			break
//		}
//		time.Sleep(time.Duration(200*(1<<attempt)) * time.Millisecond)
//	}
//
// The loop counts up to a constant of at most maxAttempts (or ranges over
// one), leaves on a branch (the success), and an attempt carries a
// context that is not detached, which ends the attempts once it is done.
// A sleep there for a constant longer than maxPause is no backoff.
func (r *Result) backoffs(b *body, block *ast.BlockStmt) {
	var loops []ast.Node
	ast.Inspect(block, func(n ast.Node) bool {
		var body *ast.BlockStmt
		switch n := n.(type) {
		case *ast.ForStmt:
			if r.fewAttempts(n) {
				body = n.Body
			}
		case *ast.RangeStmt:
			if tv := r.pass.TypesInfo.Types[n.X]; tv.Value != nil && tv.Value.Kind() == constant.Int {
				if c, ok := constant.Int64Val(tv.Value); ok && c <= maxAttempts {
					body = n.Body
				}
			}
		}
		if body != nil && r.retries(body) {
			loops = append(loops, body)
		}
		return true
	})
	if len(loops) == 0 {
		return
	}
	for i, st := range b.sites {
		if inside(st.call, loops) && !r.longPause(st.call) {
			b.sites[i].attrs |= Backoff
		}
	}
}

// fewAttempts reports whether a for loop counts from a constant up to a
// constant, by one, at most maxAttempts times: for i := 0; i < 3; i++.
func (r *Result) fewAttempts(loop *ast.ForStmt) bool {
	info := r.pass.TypesInfo
	init, ok := loop.Init.(*ast.AssignStmt)
	if !ok || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return false
	}
	id, ok := init.Lhs[0].(*ast.Ident)
	if !ok {
		return false
	}
	counter := info.ObjectOf(id)
	from, ok := intConst(info, init.Rhs[0])
	if !ok {
		return false
	}
	cond, ok := ast.Unparen(loop.Cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	if x, ok := ast.Unparen(cond.X).(*ast.Ident); !ok || info.ObjectOf(x) != counter {
		return false
	}
	to, ok := intConst(info, cond.Y)
	switch {
	case !ok:
		return false
	case cond.Op == token.LEQ:
		to++
	case cond.Op != token.LSS:
		return false
	}
	post, ok := loop.Post.(*ast.IncDecStmt)
	if !ok || post.Tok != token.INC {
		return false
	}
	if x, ok := ast.Unparen(post.X).(*ast.Ident); !ok || info.ObjectOf(x) != counter {
		return false
	}
	// Nor may the body move the counter back.
	moved := false
	ast.Inspect(loop.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			moved = moved || slices.ContainsFunc(as.Lhs, func(e ast.Expr) bool {
				x, ok := ast.Unparen(e).(*ast.Ident)
				return ok && info.ObjectOf(x) == counter
			})
		}
		return !moved
	})
	return !moved && to-from <= maxAttempts
}

func intConst(info *types.Info, e ast.Expr) (int64, bool) {
	tv := info.Types[e]
	if tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(tv.Value)
}

// retries reports whether a loop's body leaves the loop on a branch (if
// err == nil { break }) and makes a call given a context that is not
// detached: a context, or a request made with one.
func (r *Result) retries(body *ast.BlockStmt) bool {
	leaves, carries := false, false
	for _, st := range body.List {
		if ifs, ok := st.(*ast.IfStmt); ok && len(ifs.Body.List) > 0 {
			switch last := ifs.Body.List[len(ifs.Body.List)-1].(type) {
			case *ast.ReturnStmt:
				leaves = true
			case *ast.BranchStmt:
				leaves = leaves || last.Tok == token.BREAK && last.Label == nil
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || carries {
			return !carries
		}
		for _, a := range call.Args {
			switch knowledge.TypeName(r.pass.TypesInfo.TypeOf(a)) {
			case knowledge.ContextType:
				carries = carries || r.detachedRoot(a, 0) == nil
			case knowledge.RequestType:
				carries = carries || r.requestContext(a) != nil && r.DetachedContext(call) == nil
			}
		}
		return !carries
	})
	return leaves && carries
}

// longPause reports whether a call sleeps for a constant longer than
// maxPause.
func (r *Result) longPause(call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil || !knowledge.Sleepers[knowledge.FuncName(fn)] || len(call.Args) != 1 {
		return false
	}
	d, ok := intConst(r.pass.TypesInfo, call.Args[0])
	return ok && time.Duration(d) > maxPause
}

// inside reports whether n lies within one of the nodes.
func inside(n ast.Node, nodes []ast.Node) bool {
	return slices.ContainsFunc(nodes, func(m ast.Node) bool { return m.Pos() <= n.Pos() && n.End() <= m.End() })
}

// settings marks the sites made only while a boolean setting of the
// server is on (Setting): inside if a.dev { ... }, if cfg.Debug && ...,
// where the flag is a field reached from the method's receiver or from a
// package-level variable, or such a variable itself, and the function
// does not set it. The request decides none of these.
func (r *Result) settings(b *body, fd *ast.FuncDecl) {
	var recv types.Object
	if fd.Recv != nil && len(fd.Recv.List) == 1 && len(fd.Recv.List[0].Names) == 1 {
		recv = r.pass.TypesInfo.Defs[fd.Recv.List[0].Names[0]]
	}
	var setting func(e ast.Expr) bool
	setting = func(e ast.Expr) bool {
		switch e := ast.Unparen(e).(type) {
		case *ast.BinaryExpr:
			return e.Op == token.LAND && (setting(e.X) || setting(e.Y))
		case *ast.SelectorExpr, *ast.Ident:
			t, ok := r.pass.TypesInfo.TypeOf(e).Underlying().(*types.Basic)
			return ok && t.Kind() == types.Bool && r.configured(e, recv) && !r.assigns(fd, e)
		}
		return false
	}
	var on []ast.Node
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if ifs, ok := n.(*ast.IfStmt); ok && setting(ifs.Cond) {
			on = append(on, ifs.Body)
		}
		return true
	})
	for i := range b.sites {
		if inside(b.sites[i].call, on) {
			b.sites[i].attrs |= Setting
		}
	}
}

// configured reports whether e is the server's state rather than the
// request's: a package-level variable, or a field reached from one or
// from the receiver (a.dev, s.cfg.Debug, config.Dev).
func (r *Result) configured(e ast.Expr, recv types.Object) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if sel, ok := r.pass.TypesInfo.Selections[x]; !ok || sel.Kind() != types.FieldVal {
				v, ok := r.pass.TypesInfo.Uses[x.Sel].(*types.Var)
				return ok && packageLevel(v) // config.Dev
			}
			e = x.X
		case *ast.Ident:
			obj := r.pass.TypesInfo.Uses[x]
			if recv != nil && obj == recv {
				return true
			}
			v, ok := obj.(*types.Var)
			return ok && packageLevel(v)
		default:
			return false
		}
	}
}

func packageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// assigns reports whether fd assigns the variable or field e denotes.
func (r *Result) assigns(fd *ast.FuncDecl, e ast.Expr) bool {
	obj := func(e ast.Expr) types.Object {
		switch e := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			return r.pass.TypesInfo.Uses[e.Sel]
		case *ast.Ident:
			return r.pass.TypesInfo.Uses[e]
		}
		return nil
	}
	target := obj(e)
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			found = found || slices.ContainsFunc(as.Lhs, func(lhs ast.Expr) bool { return obj(lhs) == target })
		}
		return !found
	})
	return found
}

// memos marks the sites of a lazy loader (Lazy): a function that makes them only
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
			(r.testsField(ifs.Cond, owners, token.NEQ, fd) || r.fresh(ifs.Cond, owners, fd)) && endsInReturn(ifs.Body) {
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
		if inside(b.sites[i].call, guarded) {
			b.sites[i].attrs |= Lazy
		}
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
		if isError(r.pass.TypesInfo.TypeOf(sel)) {
			return false // if q.err != nil { return q.err }: a builder's failure, not a cache
		}
		tv := r.pass.TypesInfo.Types[c.Y]
		return tv.IsNil() || tv.Value != nil
	}
	return false
}

// fresh reports whether cond tests that a time the receiver keeps is
// recent, time.Since(d.cacheTime) < time.Second (or a local variable set
// so): guarding an early return, it makes the rest of the function a
// cache's refresh, run at most once per period however often it is
// called.
func (r *Result) fresh(cond ast.Expr, owners map[types.Object]bool, fd *ast.FuncDecl) bool {
	c, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || c.Op != token.LSS && c.Op != token.LEQ {
		return false
	}
	x := ast.Unparen(c.X)
	if id, ok := x.(*ast.Ident); ok {
		// age := time.Since(d.cacheTime); if age < time.Second { ... }
		v, _ := r.pass.TypesInfo.Uses[id].(*types.Var)
		ws := r.index.Writes(v)
		if v == nil || len(ws) != 1 || ws[0].RHS == nil {
			return false
		}
		x = ast.Unparen(ws[0].RHS)
	}
	call, ok := x.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	if fn, ok := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func); !ok || knowledge.FuncName(fn) != knowledge.Elapsed {
		return false
	}
	sel, ok := ast.Unparen(call.Args[0]).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	param, ok := owners[r.pass.TypesInfo.Uses[id]]
	return ok && !param && r.sets(fd, sel)
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

func isError(t types.Type) bool {
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

// cached marks the sites of a cache's load (Cached): made only after the
// key was looked up in a cache the function does not make afresh (a map, a
// sync.Map or an in-process cache library's, reached from the receiver, a
// parameter or a package-level variable) and missed, where the package
// fills that cache too: a memoized getter, whose callers in a loop load
// each key once, not once per call. The lookup, v, ok := m[k] or v, ok :=
// m.Load(k) (alone or in an if's init), may sit under other tests (if
// find.ID != nil { if u, ok := users.Load(*find.ID); ok { return u } });
// the sites under if !ok { ... }, or after an if ok { ... } that returns
// on the hit, are the misses. So are those under if v == nil { ... } after
// v, _ := store.Get(k).(T), a store of the program's own.
//
// A lookup made only under a test (by id, not by name) still marks the
// function: its callers are not told apart by the arguments they pass.
//
// A cache's own Get that says by its error, or a boolean, whether it hit
// is a lookup too, when the function fills the cache under the same key
// after it (a cache the function fills, not a store tried first):
//
//	val, err := tokens.Get(key)
//	if err == nil {
//		return val.(string), nil
//	}
//	token, err := exchange(...) // once per key, until the entry expires
//	tokens.SetDefault(key, token)
func (r *Result) cached(b *body, fd *ast.FuncDecl) {
	var misses []ast.Node
	oks := make(map[types.Object]bool)  // the ok variables of lookups
	got := make(map[types.Object]bool)  // the values a store's Get gave
	errs := make(map[ast.Stmt]ast.Expr) // lookups that fail with an error on a miss, and the error
	lookup := func(st ast.Stmt) {
		as, ok := st.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 {
			return
		}
		if len(as.Lhs) == 2 && r.cacheGet(fd, as) {
			if isError(r.pass.TypesInfo.TypeOf(as.Lhs[1])) {
				errs[st] = as.Lhs[1]
				return
			}
			if id, ok := as.Lhs[1].(*ast.Ident); ok {
				if obj := r.pass.TypesInfo.ObjectOf(id); obj != nil {
					oks[obj] = true
				}
			}
			return
		}
		if r.storeGet(as.Rhs[0]) {
			// cols, _ := app.Store().Get(key).([]*Collection): nil is a miss
			if id, ok := as.Lhs[0].(*ast.Ident); ok {
				if obj := r.pass.TypesInfo.ObjectOf(id); obj != nil {
					got[obj] = true
				}
			}
		}
		if len(as.Lhs) != 2 || !r.lookup(as.Rhs[0], fd) && !r.storeGet(as.Rhs[0]) {
			return
		}
		if id, ok := as.Lhs[1].(*ast.Ident); ok {
			if obj := r.pass.TypesInfo.ObjectOf(id); obj != nil {
				oks[obj] = true
			}
		}
	}
	var loops []ast.Node // the loops of the function
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n)
		}
		return true
	})
	afterHit := func(ifs *ast.IfStmt) {
		// A hit that returns from inside a loop of the function's own is a
		// search's (the first key cached), and what follows it runs on
		// every call that finds none.
		// The hit returns on some path (if ok { u, ok := v.(*User); if
		// ok { return u } }).
		if returns.Any(ifs.Body) && !inside(ifs, loops) {
			misses = append(misses, &ast.BlockStmt{Lbrace: ifs.End(), Rbrace: fd.Body.End()})
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // runs when it is called: a body of its own
		case *ast.AssignStmt:
			lookup(n)
		case *ast.BlockStmt:
			// The error of a cache's Get, tested by the if that follows
			// it, or in the if's init (the error variable is reused by
			// the load's own calls, so only that if tells the hit).
			for i, st := range n.List {
				ifs, ok := st.(*ast.IfStmt)
				if !ok {
					continue
				}
				var err ast.Expr
				if ifs.Init != nil {
					lookup(ifs.Init)
					err = errs[ifs.Init]
				} else if i > 0 {
					lookup(n.List[i-1])
					err = errs[n.List[i-1]]
				}
				if err == nil {
					continue
				}
				switch r.errorIsNil(ifs.Cond, err) {
				case 1: // if err == nil { return v }: what follows is the miss
					afterHit(ifs)
				case -1: // if err != nil { load }
					misses = append(misses, ifs.Body)
				}
			}
		case *ast.IfStmt:
			if n.Init != nil {
				lookup(n.Init)
			}
			switch c := ast.Unparen(n.Cond).(type) {
			case *ast.Ident: // if ok { return v }: what follows is the miss
				if oks[r.pass.TypesInfo.ObjectOf(c)] {
					afterHit(n)
				}
			case *ast.UnaryExpr: // if !ok { load }
				if id, ok := ast.Unparen(c.X).(*ast.Ident); ok && c.Op == token.NOT && oks[r.pass.TypesInfo.ObjectOf(id)] {
					misses = append(misses, n.Body)
				}
			case *ast.BinaryExpr:
				// if cols == nil { load }
				if id, ok := ast.Unparen(c.X).(*ast.Ident); ok && c.Op == token.EQL && r.pass.TypesInfo.Types[c.Y].IsNil() && got[r.pass.TypesInfo.ObjectOf(id)] {
					misses = append(misses, n.Body)
				}
				// if ok && v != nil { return v }: what follows is the miss
				if c.Op == token.LAND && slices.ContainsFunc([]ast.Expr{c.X, c.Y}, func(e ast.Expr) bool {
					id, ok := ast.Unparen(e).(*ast.Ident)
					return ok && oks[r.pass.TypesInfo.ObjectOf(id)]
				}) {
					afterHit(n)
				}
			}
		}
		return true
	})
	for i := range b.sites {
		if inside(b.sites[i].call, misses) {
			b.sites[i].attrs |= Cached
		}
	}
}

// errorIsNil tells how cond tests the error err: 1 when it holds only if
// err is nil (err == nil, or a conjunct of it: the cache hit), -1 when it
// is err != nil (the miss), 0 otherwise.
func (r *Result) errorIsNil(cond ast.Expr, err ast.Expr) int {
	same := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		want, _ := ast.Unparen(err).(*ast.Ident)
		return ok && want != nil && r.pass.TypesInfo.ObjectOf(id) == r.pass.TypesInfo.ObjectOf(want)
	}
	c, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return 0
	}
	switch {
	case c.Op == token.LAND:
		if r.errorIsNil(c.X, err) > 0 || r.errorIsNil(c.Y, err) > 0 {
			return 1
		}
	case (c.Op == token.EQL || c.Op == token.NEQ) && same(c.X) && r.pass.TypesInfo.Types[c.Y].IsNil():
		if c.Op == token.EQL {
			return 1
		}
		return -1
	}
	return 0
}

// cacheGet reports whether an assignment v, ok := c.Get(k),
// v, err := c.Get(k) or v, err := rdb.Get(ctx, k).Result() looks a key up
// in a cache that the function fills under the same key after it: a later call of another method on the same
// receiver, given the key and a value (c.Set(k, v), c.SetDefault(k, v),
// rdb.Set(ctx, k, v, ttl)). The filling is what makes the Get a cache's:
// a repository's Get tried first, with a fallback, fills nothing.
//
// It is lookup's twin for caches no table knows (the program's own, or an
// asynccache): lookup takes a known lookup (a map index, knowledge.Lookups)
// on a cache the package fills anywhere; cacheGet takes any method Get
// that says whether it hit, and asks for the fill in the same function,
// under the same key, which is what stands in for the table.
func (r *Result) cacheGet(fd *ast.FuncDecl, as *ast.AssignStmt) bool {
	info := r.pass.TypesInfo
	get, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(get.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if s, ok := info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return false
	}
	tuple, ok := info.TypeOf(get).(*types.Tuple)
	if !ok || tuple.Len() != 2 {
		return false
	}
	// The second result's type, from the call: the variable may be _.
	second := tuple.At(1).Type()
	if t, ok := second.Underlying().(*types.Basic); (!ok || t.Kind() != types.Bool) && !isError(second) {
		return false
	}
	// rdb.Get(ctx, key).Result(): the lookup is the command, and its
	// result says how it went.
	if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok {
		fn, _ := typeutil.Callee(info, inner).(*types.Func)
		if s, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr); ok && fn != nil && knowledge.CacheCalls[knowledge.FuncName(fn)].Op == knowledge.CacheGet {
			get, sel = inner, s
		}
	}
	recv := types.ExprString(sel.X)
	var keys []string
	for _, a := range get.Args {
		if knowledge.TypeName(info.TypeOf(a)) != knowledge.ContextType {
			keys = append(keys, types.ExprString(a))
		}
	}
	if len(keys) == 0 {
		return false
	}
	fills := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if fills || !ok || call.Pos() < as.End() || len(call.Args) < 2 {
			return !fills
		}
		s, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || s.Sel.Name == sel.Sel.Name || types.ExprString(s.X) != recv {
			return true
		}
		if m, ok := info.Selections[s]; !ok || m.Kind() != types.MethodVal {
			return true
		}
		fills = slices.ContainsFunc(call.Args, func(a ast.Expr) bool { return slices.Contains(keys, types.ExprString(a)) })
		return !fills
	})
	return fills
}

// storeGet reports whether e asserts the type of what a method gives
// for one key: store.Get(key).([]*Collection), the untyped store of a
// program's own cache (a database's rows come typed).
func (r *Result) storeGet(e ast.Expr) bool {
	ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr)
	if !ok || ta.Type == nil {
		return false
	}
	call, ok := ast.Unparen(ta.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	return fn != nil && fn.Signature().Recv() != nil
}

// lookup reports whether e looks a key up in a cache that outlives a call
// of fd: one its caller hands it, or one the package fills (m[k],
// m.Load(k), m.LoadOrStore(k, v), an in-process cache library's Get: see
// Lookups). A map fd makes itself is empty on each call, and one nothing
// fills is a table: their misses are every call's.
func (r *Result) lookup(e ast.Expr, fd *ast.FuncDecl) bool {
	var m ast.Expr
	switch e := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		if _, ok := r.pass.TypesInfo.TypeOf(e.X).Underlying().(*types.Map); ok {
			m = e.X
		}
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(r.pass.TypesInfo, e).(*types.Func)
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && fn != nil && knowledge.Lookups[knowledge.FuncName(fn)] {
			m = sel.X
		}
	}
	if m == nil || r.madeIn(m, fd) {
		return false
	}
	if r.paramRoot(m) {
		return true // a cache the caller keeps, and may fill itself
	}
	obj := r.cacheObject(m)
	return obj != nil && r.filledCaches()[obj]
}

// paramRoot reports whether a cache expression starts from a parameter
// of its function (users, (*seen), opts.Cache), not its receiver.
func (r *Result) paramRoot(e ast.Expr) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		case *ast.Ident:
			v, ok := r.pass.TypesInfo.Uses[x].(*types.Var)
			if !ok {
				return false
			}
			i, ok := r.index.Param(v)
			return ok && i >= 0
		default:
			return false
		}
	}
}

// madeIn reports whether the variable a cache expression starts from is
// one of fd's own (tags := map[int]string{}; tags[id]), not its receiver,
// a parameter or a package-level variable.
func (r *Result) madeIn(e ast.Expr, fd *ast.FuncDecl) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		case *ast.Ident:
			obj := r.pass.TypesInfo.Uses[x]
			return obj != nil && fd.Body.Pos() <= obj.Pos() && obj.Pos() < fd.Body.End()
		default:
			return false
		}
	}
}

// cacheObject returns the variable or field a cache expression names:
// users for users, the field userCache for s.userCache, seen for *seen.
func (r *Result) cacheObject(e ast.Expr) types.Object {
	switch x := ast.Unparen(e).(type) {
	case *ast.StarExpr:
		return r.cacheObject(x.X)
	case *ast.SelectorExpr:
		return r.pass.TypesInfo.Uses[x.Sel]
	case *ast.Ident:
		return r.pass.TypesInfo.Uses[x]
	}
	return nil
}

// filledCaches returns the variables and fields the package puts values
// in by key: m[k] = v, m.Store(k, v), a cache library's Set or Add (see
// CacheFills).
func (r *Result) filledCaches() map[types.Object]bool {
	if r.filled != nil {
		return r.filled
	}
	r.filled = make(map[types.Object]bool)
	for _, f := range r.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, lhs := range n.Lhs {
					if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
						if obj := r.cacheObject(ix.X); obj != nil {
							r.filled[obj] = true
						}
					}
				}
			case *ast.CallExpr:
				fn, _ := typeutil.Callee(r.pass.TypesInfo, n).(*types.Func)
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && fn != nil && knowledge.CacheFills[knowledge.FuncName(fn)] {
					if obj := r.cacheObject(sel.X); obj != nil {
						r.filled[obj] = true
					}
				}
			}
			return true
		})
	}
	return r.filled
}

// refreshes marks the sites of a package-level cache's refresh (Cached):
// made only under a test that the cache has gone stale,
//
//	if time.Since(lastLoad) > time.Minute || len(prices) == 0 { reload() }
//
// whose every operand reads package-level state only, one of them a time
// kept there. The reload runs once an interval for the whole process,
// whoever calls, not once per call (a re-check under a lock inside it is
// the same test).
func (r *Result) refreshes(b *body, fd *ast.FuncDecl) {
	var stale []ast.Node
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if ifs, ok := n.(*ast.IfStmt); ok && ifs.Init == nil {
			if timed, ok := r.packageTest(ifs.Cond); ok && timed {
				stale = append(stale, ifs.Body)
				return false
			}
		}
		return true
	})
	for i := range b.sites {
		if inside(b.sites[i].call, stale) {
			b.sites[i].attrs |= Cached
		}
	}
}

// packageTest reports whether a condition reads nothing but package-level
// variables (and fields of them), constants, len and the time package's
// clock; timed, whether it reads a time through time.Since, time.Until or
// a method of time.Time.
func (r *Result) packageTest(cond ast.Expr) (timed, ok bool) {
	info := r.pass.TypesInfo
	var check func(e ast.Expr) bool
	check = func(e ast.Expr) bool {
		if info.Types[e].Value != nil {
			return true // a constant
		}
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, isVar := info.Uses[e].(*types.Var)
			return isVar && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() || info.Types[e].IsNil()
		case *ast.SelectorExpr:
			sel, found := info.Selections[e]
			if !found {
				return check(e.Sel) // a package's variable: pkg.LastLoad
			}
			return sel.Kind() == types.FieldVal && check(e.X)
		case *ast.UnaryExpr:
			return check(e.X)
		case *ast.BinaryExpr:
			return check(e.X) && check(e.Y)
		case *ast.CallExpr:
			for _, a := range e.Args {
				if !check(a) {
					return false
				}
			}
			switch fn := typeutil.Callee(info, e).(type) {
			case *types.Builtin:
				return fn.Name() == "len"
			case *types.Func:
				if clock, ok := knowledge.Clock[knowledge.FuncName(fn)]; ok {
					timed = timed || clock.Elapsed
					return true
				}
				if recv := fn.Signature().Recv(); recv != nil && knowledge.TypeName(recv.Type()) == knowledge.TimeType {
					// last.Add(ttl).Before(time.Now()), time.Now().Sub(last)
					timed = true
					sel, isSel := ast.Unparen(e.Fun).(*ast.SelectorExpr)
					return isSel && check(sel.X)
				}
			}
			return false
		}
		return false
	}
	ok = check(cond)
	return timed, ok
}
