package globalgrowth

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
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

// Analyzer reports package-level collections that grow per request and
// never shrink.
var Analyzer = &analysis.Analyzer{
	Name:      "globalgrowth",
	Doc:       Doc.String(),
	URL:       Doc.URL(),
	Requires:  []*analysis.Analyzer{effects.Analyzer, reqpath.Analyzer},
	Run:       report.Guard(run),
	FactTypes: []analysis.Fact{new(growsFact)},
}

// growsFact marks a function that, when called, grows a package-level
// collection of its package that nothing there shrinks, and that its own
// package did not report: it could not know the function runs per
// request.
type growsFact struct {
	Var string // "cache.entries"
	At  string // where it grows: "cache/cache.go:42"
}

func (*growsFact) AFact() {}

func (f *growsFact) String() string { return "grows " + f.Var + " at " + f.At }

func run(pass *analysis.Pass) (any, error) {
	fx := pass.ResultOf[effects.Analyzer].(*effects.Result)
	rp := pass.ResultOf[reqpath.Analyzer].(*reqpath.Result)
	if fx.Panic != "" {
		report.Internal(pass, "effects panicked on package "+pass.Pkg.Path()+": "+fx.Panic)
	}
	c := &checker{
		pass:    pass,
		info:    pass.TypesInfo,
		fx:      fx,
		insp:    inspector.New(pass.Files),
		rep:     report.New(pass),
		targets: make(map[string]*target),
		grows:   make(map[ast.Node][]growth),
	}
	c.reach = reqreach.New(pass, rp, fx)
	c.collect()
	if !c.growing() && len(pass.AllObjectFacts()) == 0 {
		return nil, nil // nothing here grows, nor calls what grows
	}
	c.loops = c.longRunning()
	reported := c.reportLocal()
	c.propagate(reported)
	c.rep.Flush()
	return nil, nil
}

type checker struct {
	pass  *analysis.Pass
	info  *types.Info
	fx    *effects.Result
	insp  *inspector.Inspector
	rep   *report.Reporter
	reach *reqreach.Reach
	// loops holds the functions that run in a long-running loop, and the
	// loop's function, for messages.
	loops map[ast.Node]string

	targets map[string]*target // by path: "events", "state.byID"
	// grows holds, per function that runs them, the growing places of the
	// package's unshrunk targets (filled by reportLocal).
	grows map[ast.Node][]growth
	// calls holds the package's calls by callee (filled by callsOf).
	calls map[*types.Func][]*ast.CallExpr
}

// target is a package-level collection: a variable, or a field path
// from one.
type target struct {
	path   string
	kind   string // "slice", "map", "sync.Map", "list"
	sites  []site // where it grows
	shrunk bool   // something in the package removes from it, or may
}

// site is a place where a target grows.
type site struct {
	cur  inspector.Cursor
	node ast.Node // the append, the assignment, the Store call
}

// growth is a growing place of a target, as seen from the function that
// runs it.
type growth struct {
	t    *target
	site site
}

// kindOf returns the kind of collection t is, or "".
func kindOf(t types.Type) string {
	if p, ok := t.Underlying().(*types.Pointer); ok && knowledge.GrowableTypes[knowledge.TypeName(p.Elem())] {
		t = p.Elem()
	}
	if name := knowledge.TypeName(t); knowledge.GrowableTypes[name] {
		return name[strings.LastIndex(name, "/")+1:]
	}
	switch t.Underlying().(type) {
	case *types.Slice:
		return "slice"
	case *types.Map:
		return "map"
	}
	return ""
}

// collect finds, from every use of a package-level variable, the places
// where a collection it holds grows or shrinks. The receiver of a method
// of a type the package makes one value of, held in a package-level
// variable, is that variable: store.Add(k) growing s.seen grows
// store.seen.
func (c *checker) collect() {
	receivers := c.singletons()
	for cur := range c.insp.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		v, ok := c.info.Uses[id].(*types.Var)
		if !ok || v.Pkg() != c.pass.Pkg {
			continue
		}
		recv, isRecv := receivers[v]
		if isRecv {
			v = recv.global
		} else if v.Parent() != c.pass.Pkg.Scope() {
			continue
		}
		// Climb fields: state.byID.
		if report.IsTestCode(c.pass, id.Pos()) {
			continue // a test that resets a variable does not evict in production
		}
		path, expr := v.Name(), cur
		for {
			sel, ok := expr.Parent().Node().(*ast.SelectorExpr)
			if !ok || sel.X != expr.Node() {
				break
			}
			f, ok := c.info.Uses[sel.Sel].(*types.Var)
			if !ok || !f.IsField() {
				break
			}
			path += "." + f.Name()
			expr = expr.Parent()
		}
		kind := kindOf(c.info.TypeOf(expr.Node().(ast.Expr)))
		if kind == "" || isRecv && (path == v.Name() || kind == "slice" && recv.byValue) {
			continue // the receiver itself; or, in a copy, a slice header an append does not change
		}
		t := c.targets[path]
		if t == nil {
			t = &target{path: path, kind: kind}
			c.targets[path] = t
		}
		c.use(t, expr)
	}
}

// receiver is a method's receiver that is always one package-level
// variable.
type receiver struct {
	global  *types.Var
	byValue bool // a copy of it: a slice appended to there is not its slice
}

// singletons returns the receivers of the methods of the package's types
// of which it makes exactly one value, held in a package-level variable:
// var store = &Store{seen: map[string]int{}}, or = newStore() where the
// unexported newStore makes the only Store and is called nowhere else.
// The variable must never be assigned again: a new value would free the
// old one's collections.
func (c *checker) singletons() map[*types.Var]receiver {
	holders := make(map[*types.TypeName]*types.Var) // a type's one package-level variable
	held := make(map[*types.TypeName]bool)          // types held by more than one
	inits := make(map[*types.Var]ast.Expr)
	for _, f := range c.pass.Files {
		if report.IsTestCode(c.pass, f.Pos()) {
			continue
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					v, _ := c.info.Defs[name].(*types.Var)
					tn := ownStruct(c.pass.Pkg, v)
					if tn == nil {
						continue
					}
					if holders[tn] != nil {
						held[tn] = true
					}
					holders[tn] = v
					if len(vs.Values) == len(vs.Names) {
						inits[v] = vs.Values[i]
					}
				}
			}
		}
	}
	// Where each type is made, and where each function is called.
	made := make(map[*types.TypeName][]inspector.Cursor)
	called := make(map[*types.Func][]inspector.Cursor)
	reassigned := make(map[*types.Var]bool)
	for cur := range c.insp.Root().Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil), (*ast.Ident)(nil), (*ast.AssignStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			if tn := namedOf(c.info.TypeOf(n)); tn != nil {
				made[tn] = append(made[tn], cur)
			}
		case *ast.CallExpr:
			if c.builtin(n) == "new" && len(n.Args) == 1 {
				if tn := namedOf(c.info.TypeOf(n.Args[0])); tn != nil {
					made[tn] = append(made[tn], cur)
				}
			}
		case *ast.Ident:
			if fn, ok := c.info.Uses[n].(*types.Func); ok && fn.Pkg() == c.pass.Pkg {
				called[fn] = append(called[fn], cur)
			}
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
					if v, ok := c.info.Uses[id].(*types.Var); ok {
						reassigned[v] = true
					}
				}
			}
		}
	}
	out := make(map[*types.Var]receiver)
	for tn, v := range holders {
		if held[tn] || reassigned[v] || inits[v] == nil || len(made[tn]) != 1 || !c.madeFor(made[tn][0], inits[v], called) {
			continue
		}
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 || len(fd.Recv.List[0].Names) != 1 {
					continue
				}
				r, _ := c.info.Defs[fd.Recv.List[0].Names[0]].(*types.Var)
				if r == nil || namedOf(r.Type()) != tn {
					continue
				}
				_, ptr := r.Type().(*types.Pointer)
				out[r] = receiver{global: v, byValue: !ptr}
			}
		}
	}
	return out
}

// madeFor reports whether the value made at cur is the one init holds:
// made in init itself, or in an unexported function that init calls and
// nothing else calls or takes.
func (c *checker) madeFor(cur inspector.Cursor, init ast.Expr, called map[*types.Func][]inspector.Cursor) bool {
	n := cur.Node()
	if init.Pos() <= n.Pos() && n.End() <= init.End() {
		return true
	}
	fd, ok := enclosingDecl(cur)
	if !ok || fd.Recv != nil || fd.Name.IsExported() {
		return false
	}
	fn, _ := c.info.Defs[fd.Name].(*types.Func)
	uses := called[fn]
	if len(uses) != 1 {
		return false
	}
	use := uses[0].Node()
	call, ok := uses[0].Parent().Node().(*ast.CallExpr)
	return ok && call.Fun == use && init.Pos() <= use.Pos() && use.End() <= init.End()
}

// enclosingDecl returns the function declaration around cur, when no
// function literal is in between.
func enclosingDecl(cur inspector.Cursor) (*ast.FuncDecl, bool) {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fd, ok := fn.Node().(*ast.FuncDecl)
		return fd, ok
	}
	return nil, false
}

// ownStruct returns the struct type of the package that v holds, or a
// pointer to.
func ownStruct(pkg *types.Package, v *types.Var) *types.TypeName {
	if v == nil {
		return nil
	}
	tn := namedOf(v.Type())
	if tn == nil || tn.Pkg() != pkg {
		return nil
	}
	if _, ok := tn.Type().Underlying().(*types.Struct); !ok {
		return nil
	}
	return tn
}

// namedOf returns the named type t is, or points to.
func namedOf(t types.Type) *types.TypeName {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj()
	}
	return nil
}

// growing reports whether some target of the package grows and is never
// shrunk.
func (c *checker) growing() bool {
	for _, t := range c.targets {
		if !t.shrunk && len(t.sites) > 0 {
			return true
		}
	}
	return false
}

// use classifies one use of a target.
func (c *checker) use(t *target, cur inspector.Cursor) {
	e := cur.Node().(ast.Expr)
	parent := cur.Parent()
	if _, ok := parent.Node().(*ast.ParenExpr); ok {
		cur, parent = parent, parent.Parent()
	}
	grow := func(n ast.Node) {
		if !c.startup(cur) && !c.fromConfiguration(cur) {
			t.sites = append(t.sites, site{cur: cur, node: n})
		}
	}
	switch p := parent.Node().(type) {
	case *ast.IndexExpr:
		if p.X != cur.Node() {
			return // an index, not the collection
		}
		if t.kind != "map" {
			return // s[i] = v replaces
		}
		// m[k] = v, m[k]++, m[k][j] = v, m[k] = append(m[k], v)
		top := parent
		for {
			if ix, ok := top.Parent().Node().(*ast.IndexExpr); ok && ix.X == top.Node() {
				top = top.Parent()
				continue
			}
			break
		}
		switch w := top.Parent().Node().(type) {
		case *ast.AssignStmt:
			var value ast.Expr // the value stored: m[k] = v
			if i := slices.Index(w.Lhs, top.Node().(ast.Expr)); i >= 0 && len(w.Rhs) == len(w.Lhs) {
				value = w.Rhs[i]
			}
			if isLHS(w.Lhs, top.Node()) && !c.bounded(p.Index) && !c.memo(cur, e, p.Index, value) && !c.capped(cur, e) {
				grow(w)
			}
		case *ast.IncDecStmt:
			if !c.bounded(p.Index) && !c.capped(cur, e) {
				grow(w)
			}
		}
	case *ast.SelectorExpr:
		call, ok := parent.Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun != p {
			return
		}
		fn, _ := typeutil.Callee(c.info, call).(*types.Func)
		if fn == nil {
			return
		}
		name := knowledge.FuncName(fn)
		switch {
		case knowledge.Shrinkers[name]:
			t.shrunk = true
		case knowledge.Growers[name]:
			if fn.Name() == "PushBack" || fn.Name() == "PushFront" || len(call.Args) == 0 ||
				!c.bounded(call.Args[0]) && !c.memo(cur, e, call.Args[0], arg(call, 1)) && !c.capped(cur, e) {
				grow(call)
			}
		}
	case *ast.CallExpr:
		if p.Fun == cur.Node() {
			return
		}
		switch c.builtin(p) {
		case "append":
			if p.Args[0] != cur.Node() {
				return // appended, as an element
			}
			if as, ok := parent.Parent().Node().(*ast.AssignStmt); ok && len(as.Lhs) == 1 && c.samePath(as.Lhs[0], e) {
				grow(as)
			}
		case "delete", "clear":
			t.shrunk = true
		case "len", "cap", "copy", "print", "println":
		default:
			fn, _ := typeutil.Callee(c.info, p).(*types.Func)
			if fn != nil && knowledge.Shrinkers[knowledge.FuncName(fn)] {
				t.shrunk = true
			} else if t.kind != "slice" {
				t.shrunk = true // handed on: it may be shrunk there
			}
		}
	case *ast.AssignStmt:
		if isLHS(p.Lhs, cur.Node()) {
			if len(p.Rhs) == 1 && len(p.Lhs) == 1 && c.appendsTo(p.Rhs[0], e) {
				return // counted at the append
			}
			if !c.startup(cur) {
				t.shrunk = true // reset: m = make(...), s = s[1:], s = nil
			}
		} else if t.kind != "slice" {
			t.shrunk = true // aliased: m2 := m
		}
	case *ast.RangeStmt, *ast.BinaryExpr, *ast.SliceExpr, *ast.StarExpr:
	case *ast.UnaryExpr:
		if p.Op == token.AND {
			t.shrunk = true
		}
	default:
		if t.kind != "slice" {
			t.shrunk = true // returned, stored, sent: it may be shrunk there
		}
	}
}

// memo reports whether the entry stored under key at cur fills a cache
// on a miss: the function that runs the store looks the key up first
// (m[key], Load(key)), before it or later in a loop around both (a
// conditional GET's cache read on 304), outside the storing statement
// itself (m[k] = append(m[k], v) grows). Such a cache holds one entry
// per distinct key, and the keys of a get-or-load are usually a closed
// set (time zones, languages, compiled patterns, upstream URLs): it is
// not reported. Unless the client chooses the key and the value needs
// no load that can fail: a rate limiter per client address, the request
// IDs already seen, get one entry per client however they are looked
// up first.
func (c *checker) memo(cur inspector.Cursor, coll, key, value ast.Expr) bool {
	fn := c.owner(cur)
	if fn == nil {
		return false
	}
	if c.clientKey(key, 0) && !c.checkedLoad(fn, value) {
		return false
	}
	var stmt ast.Node
	var loops []ast.Node // the loops around the store, inside fn
	for n := range cur.Enclosing() {
		if n.Node() == fn {
			break
		}
		switch n.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n.Node())
		case ast.Stmt:
			if stmt == nil {
				stmt = n.Node()
			}
		}
	}
	at := cur.Node().Pos()
	earlier := func(n ast.Node) bool {
		if n.Pos() < at {
			return true
		}
		for _, l := range loops {
			if n.End() <= l.End() {
				return true // read at the next turn, before the next store
			}
		}
		return false
	}
	want := types.ExprString(key)
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if found || n == nil || n == stmt {
			return false
		}
		switch n := n.(type) {
		case *ast.IndexExpr:
			found = earlier(n) && c.samePath(n.X, coll) && types.ExprString(n.Index) == want
		case *ast.CallExpr:
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			found = earlier(n) && ok && sel.Sel.Name == "Load" && len(n.Args) == 1 && c.samePath(sel.X, coll) && types.ExprString(n.Args[0]) == want
		}
		return !found
	})
	return found
}

// capped reports whether the function that grows coll at cur compares
// its length with a limit first (if len(m) >= maxEntries { return }):
// it cannot grow past the limit. The test must gate the growth: the
// growth is in its body, or its body leaves (return, break, continue).
func (c *checker) capped(cur inspector.Cursor, coll ast.Expr) bool {
	fn := c.owner(cur)
	if fn == nil {
		return false
	}
	at := cur.Node().Pos()
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if found || !ok || ifs.Pos() > at {
			return !found && (n == nil || n.Pos() <= at)
		}
		gates := ifs.Body.Pos() <= at && at < ifs.Body.End() || leaves(ifs.Body)
		ast.Inspect(ifs.Cond, func(n ast.Node) bool {
			b, ok := n.(*ast.BinaryExpr)
			if found || !ok {
				return !found
			}
			switch b.Op {
			case token.LSS, token.LEQ, token.GTR, token.GEQ:
				found = gates && (c.limits(b.X, b.Y, coll) || c.limits(b.Y, b.X, coll))
			}
			return !found
		})
		return !found
	})
	return found
}

// limits reports whether n is len(coll) and limit a number above one: a
// cap, not a test for emptiness.
func (c *checker) limits(n, limit, coll ast.Expr) bool {
	call, ok := ast.Unparen(n).(*ast.CallExpr)
	if !ok || c.builtin(call) != "len" || len(call.Args) != 1 || !c.samePath(call.Args[0], coll) {
		return false
	}
	if v := c.info.Types[limit].Value; v != nil {
		k, ok := constant.Int64Val(v)
		return ok && k > 1
	}
	return true
}

// leaves reports whether a block ends by leaving: return, break,
// continue, goto, or a panic.
func leaves(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch last := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		call, ok := ast.Unparen(last.X).(*ast.CallExpr)
		return ok && types.ExprString(call.Fun) == "panic"
	}
	return false
}

// arg returns the call's argument i, or nil.
func arg(call *ast.CallExpr, i int) ast.Expr {
	if i < len(call.Args) {
		return call.Args[i]
	}
	return nil
}

func (c *checker) builtin(call *ast.CallExpr) string {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return ""
	}
	if b, ok := c.info.Uses[id].(*types.Builtin); ok {
		return b.Name()
	}
	return ""
}

// appendsTo reports whether rhs is append(e, ...).
func (c *checker) appendsTo(rhs, e ast.Expr) bool {
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	return ok && c.builtin(call) == "append" && len(call.Args) > 0 && c.samePath(call.Args[0], e)
}

// samePath reports whether two expressions name the same variable or
// field path.
func (c *checker) samePath(a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch a := a.(type) {
	case *ast.Ident:
		b, ok := b.(*ast.Ident)
		return ok && c.info.ObjectOf(a) != nil && c.info.ObjectOf(a) == c.info.ObjectOf(b)
	case *ast.SelectorExpr:
		b, ok := b.(*ast.SelectorExpr)
		return ok && c.info.ObjectOf(a.Sel) == c.info.ObjectOf(b.Sel) && c.samePath(a.X, b.X)
	}
	return false
}

func isLHS(lhs []ast.Expr, n ast.Node) bool {
	for _, l := range lhs {
		if ast.Unparen(l) == n {
			return true
		}
	}
	return false
}

// bounded reports whether a key comes from a closed set: a constant, a
// bool, a value of an enumerated type (a named type with constants), a
// reflect.Type, the template of the route a request matched.
func (c *checker) bounded(key ast.Expr) bool {
	tv := c.info.Types[key]
	if tv.Value != nil {
		return true
	}
	if c.route(key, 0) {
		return true
	}
	t := tv.Type
	if t == nil {
		return false
	}
	if b, ok := t.Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
		return true
	}
	switch knowledge.TypeName(t) {
	case "reflect.Type":
		return true
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	if _, ok := named.Underlying().(*types.Basic); !ok {
		return false
	}
	scope := named.Obj().Pkg().Scope()
	for _, name := range scope.Names() {
		if k, ok := scope.Lookup(name).(*types.Const); ok && types.Identical(k.Type(), named) {
			return true // an enumeration
		}
	}
	return false
}

// maxRouteDepth bounds how many local variables route follows.
const maxRouteDepth = 3

// route reports whether a key is made of the template of the route a
// request matched (gin's c.FullPath(), chi's RoutePattern(), r.Pattern)
// and constants: one entry per route of the program, as per-route
// metrics keep, where the raw path (r.URL.Path) is the client's to
// choose.
func (c *checker) route(e ast.Expr, depth int) bool {
	if depth > maxRouteDepth {
		return false
	}
	if tv := c.info.Types[e]; tv.Value != nil {
		return true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		return e.Op == token.ADD && c.route(e.X, depth) && c.route(e.Y, depth)
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(c.info, e).(*types.Func)
		return fn != nil && knowledge.RouteTemplates[knowledge.FuncName(fn)]
	case *ast.SelectorExpr:
		sel := c.info.Selections[e]
		if sel == nil || sel.Kind() != types.FieldVal {
			return false
		}
		recv := strings.TrimPrefix(knowledge.TypeName(sel.Recv()), "*")
		return knowledge.RouteTemplateFields[recv] == e.Sel.Name
	case *ast.Ident:
		// route := c.FullPath(); tpl, _ := mux.CurrentRoute(r).GetPathTemplate()
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok || v.Parent() == nil || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
			return false
		}
		idx := c.fx.Index()
		if _, isParam := idx.Param(v); isParam || idx.Receiver(v) {
			return false
		}
		ws := idx.Writes(v)
		for _, w := range ws {
			if !w.Sets() || !c.route(w.RHS, depth+1) {
				return false
			}
		}
		return len(ws) > 0
	}
	return false
}

// startup reports whether the code at cur runs at start-up: in init, or
// in a package-level initializer; not in a goroutine started there, nor
// in a function literal one stores, which run later.
func (c *checker) startup(cur inspector.Cursor) bool {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := fn.Node().(type) {
		case *ast.FuncDecl:
			return n.Recv == nil && n.Name.Name == "init"
		case *ast.FuncLit:
			if !c.runsAtOnce(fn) || started(fn) {
				return false
			}
		}
	}
	return true // a package-level initializer
}

// fromConfiguration reports whether the code at cur runs in a loop over
// configuration (a package-level variable): it copies what the program
// was configured with, once per load of the settings, not what requests
// bring.
func (c *checker) fromConfiguration(cur inspector.Cursor) bool {
	for p := range cur.Enclosing((*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		r, ok := p.Node().(*ast.RangeStmt)
		if !ok {
			return false
		}
		if strexpr.Configuration(c.info, r.X) {
			return true
		}
	}
	return false
}

// started reports whether the function literal at cur is started with go.
func started(cur inspector.Cursor) bool {
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != cur.Node() {
		return false
	}
	g, ok := cur.Parent().Parent().Node().(*ast.GoStmt)
	return ok && g.Call == call
}

// owner returns the function that runs the code at cur when it is
// called: its declaration, or the function literal that holds it unless
// that literal is run at once, as a callback or in a goroutine (then the
// function that runs the literal).
func (c *checker) owner(cur inspector.Cursor) ast.Node {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		lit, ok := fn.Node().(*ast.FuncLit)
		if !ok {
			return fn.Node()
		}
		if !c.runsAtOnce(fn) {
			return lit
		}
	}
	return nil
}

// runsAtOnce reports whether the function literal at cur runs when the
// function around it runs: called at once, started with go, or handed to
// a call that runs it.
func (c *checker) runsAtOnce(cur inspector.Cursor) bool {
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok {
		return false
	}
	return call.Fun == cur.Node() || slices.Contains(c.reach.Runs(call), cur.Node())
}

// registration reports whether a function registers something at
// start-up by its name: Register…, MustRegister….
func registration(n ast.Node) bool {
	fd, ok := n.(*ast.FuncDecl)
	return ok && (strings.HasPrefix(fd.Name.Name, "Register") || strings.HasPrefix(fd.Name.Name, "MustRegister") ||
		strings.HasPrefix(fd.Name.Name, "register") || strings.HasPrefix(fd.Name.Name, "mustRegister"))
}

// reportLocal reports the targets that grow on the package's request path
// or in its long-running loops, once per target, and records the growing
// places of the others by the function that runs them. It returns the
// targets reported.
func (c *checker) reportLocal() map[*target]bool {
	reported := make(map[*target]bool)
	for _, path := range slices.Sorted(maps.Keys(c.targets)) {
		t := c.targets[path]
		if t.shrunk {
			continue
		}
		for _, s := range t.sites {
			if report.IsTestCode(c.pass, s.node.Pos()) {
				continue
			}
			owner := c.owner(s.cur)
			if owner == nil {
				continue
			}
			o, onPath := c.reach.Of(owner)
			loop, inLoop := c.loops[owner]
			if !inLoop {
				loop, inLoop = c.inLoop(s.cur)
			}
			switch {
			case onPath:
				c.add(t, s, report.Error, "on every request (it runs in the "+o.Handler.Kind.String()+" "+handlerName(o.Handler)+")")
				reported[t] = true
			case inLoop && !registration(owner):
				c.add(t, s, report.Warning, "in the long-running loop of "+loop)
				reported[t] = true
			case c.always(s.cur):
				c.grows[owner] = append(c.grows[owner], growth{t, s})
			}
		}
	}
	return reported
}

func handlerName(h *reqpath.Handler) string {
	if h.Func != nil {
		return h.Func.Name()
	}
	return "literal"
}

func (c *checker) add(t *target, s site, sev report.Severity, where string) {
	c.rep.Add(report.Finding{
		Pos: s.node.Pos(), End: s.node.End(), Severity: sev,
		Root: "globalgrowth " + t.path, Also: "places growing it",
		Message: fmt.Sprintf("the package-level %s %s %s %s, and nothing in the package ever removes from it: memory grows until the process is killed; %s",
			t.kind, t.path, growsHow(t.kind), where, remedy()),
	})
}

func growsHow(kind string) string {
	switch kind {
	case "slice", "list":
		return "grows"
	}
	return "gets a new entry"
}

// remedy names the bounded structures to use instead.
func remedy() string {
	var ways []string
	for _, name := range slices.Sorted(maps.Keys(knowledge.BoundedCaches)) {
		ways = append(ways, knowledge.BoundedCaches[name])
	}
	return "use " + strings.Join(ways, ", or ") + ", or a ring buffer, or delete entries when done"
}

// longRunning returns the functions of the package that run in a
// long-running loop, by the function whose loop runs them.
func (c *checker) longRunning() map[ast.Node]string {
	out := make(map[ast.Node]string)
	for cur := range c.insp.Root().Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		if !c.forever(cur.Node()) || report.IsTestCode(c.pass, cur.Node().Pos()) {
			continue
		}
		name := c.funcName(cur)
		var queue []ast.Node
		ast.Inspect(cur.Node(), func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				queue = append(queue, c.reach.Runs(call)...)
			}
			return true
		})
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			if _, ok := out[n]; ok {
				continue
			}
			out[n] = name
			for _, call := range c.fx.Calls(n) {
				queue = append(queue, c.reach.Runs(call)...)
			}
		}
	}
	return out
}

// forever reports whether a loop runs as long as the process: it ranges
// over a channel, or has no condition and waits on a channel.
func (c *checker) forever(loop ast.Node) bool {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		t := c.info.TypeOf(l.X)
		if t == nil {
			return false
		}
		_, ok := t.Underlying().(*types.Chan)
		return ok
	case *ast.ForStmt:
		if l.Cond != nil {
			return false
		}
		waits := false
		for _, st := range l.Body.List {
			ast.Inspect(st, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.SelectStmt:
					waits = true
				case *ast.UnaryExpr:
					waits = waits || n.Op == token.ARROW
				}
				return !waits
			})
		}
		return waits
	}
	return false
}

// inLoop reports whether the code at cur is in a long-running loop of its
// own function.
func (c *checker) inLoop(cur inspector.Cursor) (string, bool) {
	for p := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := p.Node().(type) {
		case *ast.FuncDecl:
			return "", false
		case *ast.FuncLit:
			if !c.runsAtOnce(p) {
				return "", false
			}
		default:
			if c.forever(n) {
				return c.funcName(p), true
			}
		}
	}
	return "", false
}

func (c *checker) funcName(cur inspector.Cursor) string {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return fn.Node().(*ast.FuncDecl).Name.Name
	}
	return "a package-level function literal"
}

// propagate finds the functions that grow an unreported target when they
// run, through the calls they make in this package, and through facts
// the functions of other packages they call; reports such calls on the
// request path and in long-running loops; and exports facts for the
// others.
func (c *checker) propagate(reported map[*target]bool) {
	type grown struct{ fact growsFact }
	known := make(map[ast.Node]*grown) // function → what it grows
	for owner, gs := range c.grows {
		for _, g := range gs {
			if !reported[g.t] {
				known[owner] = &grown{fact: growsFact{Var: c.pass.Pkg.Name() + "." + g.t.path, At: c.at(g.site.node.Pos())}}
				break
			}
		}
	}
	// Calls of other packages' functions that grow theirs, and calls of
	// this package's, until nothing changes: the calls each function
	// always makes (see always), and the goroutines it starts.
	var funcs []ast.Node
	always := make(map[ast.Node][]*ast.CallExpr)
	for cur := range c.insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		if fd.Body == nil {
			continue
		}
		funcs = append(funcs, fd)
		sync := make(map[*ast.CallExpr]bool)
		for _, call := range c.fx.Calls(fd) {
			sync[call] = true
		}
		for call := range cur.Preorder((*ast.CallExpr)(nil)) {
			n := call.Node().(*ast.CallExpr)
			_, started := call.Parent().Node().(*ast.GoStmt)
			if (sync[n] || started) && c.always(call) {
				always[fd] = append(always[fd], n)
			}
		}
	}
	calls := func(n ast.Node) []*ast.CallExpr { return always[n] }
	for changed := true; changed; {
		changed = false
		for _, fn := range funcs {
			if known[fn] != nil {
				continue
			}
			for _, call := range calls(fn) {
				if f := c.callGrows(call, func(n ast.Node) *growsFact {
					if g := known[n]; g != nil {
						return &g.fact
					}
					return nil
				}); f != nil {
					known[fn] = &grown{fact: *f}
					changed = true
					break
				}
			}
		}
	}
	// A call on the request path, or in a long-running loop, of a function
	// of another package that grows one of its variables.
	reportedVars := make(map[string]bool)
	for cur := range c.insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn, _ := typeutil.Callee(c.info, call).(*types.Func)
		if fn == nil || fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg || report.IsTestCode(c.pass, call.Pos()) {
			continue
		}
		var f growsFact
		if !c.pass.ImportObjectFact(fn, &f) {
			continue
		}
		owner := c.owner(cur)
		if owner == nil {
			continue
		}
		where, sev := "", report.Warning
		if o, ok := c.reach.Of(owner); ok {
			where, sev = "on every request (it runs in the "+o.Handler.Kind.String()+" "+handlerName(o.Handler)+")", report.Error
		} else if loop, ok := c.loops[owner]; ok {
			where = "in the long-running loop of " + loop
		} else if loop, ok := c.inLoop(cur); ok {
			where = "in the long-running loop of " + loop
		} else {
			continue
		}
		reportedVars[f.Var] = true
		c.rep.Add(report.Finding{
			Pos: call.Pos(), End: call.End(), Severity: sev,
			Root: "globalgrowth " + f.Var, Also: "calls growing it",
			Message: fmt.Sprintf("%s grows the package-level %s (at %s) %s, and nothing in its package ever removes from it: memory grows until the process is killed; %s",
				types.ExprString(call.Fun), f.Var, f.At, where, remedy()),
		})
	}
	for n, g := range known {
		fd, ok := n.(*ast.FuncDecl)
		if !ok {
			continue
		}
		if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok && (fn.Exported() || fd.Recv != nil) && !reportedVars[g.fact.Var] {
			f := g.fact
			c.pass.ExportObjectFact(fn, &f)
		}
	}
}

// always reports whether the code at cur runs on every call of its
// function: not under an if, a case or a select. A growth the function
// makes only sometimes (on a first call, on a misconfiguration, on an
// error) is not known to other packages: they would see a lazy load as
// growth per request.
func (c *checker) always(cur inspector.Cursor) bool {
	for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return true
		case *ast.CaseClause, *ast.CommClause:
			return false
		case *ast.IfStmt:
			if n.Body.Pos() <= cur.Node().Pos() {
				return false // in the body or the else branch, not the condition
			}
		}
	}
	return true
}

// callGrows returns what a call grows: a function of this package that
// is known to, or one of another whose fact says so.
func (c *checker) callGrows(call *ast.CallExpr, local func(ast.Node) *growsFact) *growsFact {
	for _, n := range c.reach.Runs(call) {
		if f := local(n); f != nil {
			return f
		}
	}
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
		return nil
	}
	var f growsFact
	if c.pass.ImportObjectFact(fn, &f) {
		return &f
	}
	return nil
}

// at renders a position for a message: file:line, the file's base name.
func (c *checker) at(p token.Pos) string {
	pos := c.pass.Fset.Position(p)
	file := pos.Filename
	if i := strings.LastIndex(file, "/"); i >= 0 {
		file = file[i+1:]
	}
	return fmt.Sprintf("%s:%d", file, pos.Line)
}
