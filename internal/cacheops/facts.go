package cacheops

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/returns"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Fact records what a function of the program does to caches, for its
// callers in other packages: a cache wrapper ("sets a key with TTL
// argument 2"), a get-or-load helper, a key helper ("returns user:*"), a
// function that updates rows it leaves to its callers to invalidate.
type Fact struct {
	Ops []OpFact
	// Key is the shape of the cache key the function returns.
	Key string
	// Writes are the entities whose rows the function updates or deletes
	// and whose cached copies it leaves to its callers.
	Writes []string
	// Flight is set for a function that runs the function it is given
	// once per key while the other callers with that key wait (a
	// singleflight of the program's own; see flight).
	Flight bool
}

// AFact marks Fact as an analysis fact.
func (*Fact) AFact() {}

func (f *Fact) String() string {
	var parts []string
	for _, o := range f.Ops {
		parts = append(parts, o.String())
	}
	if f.Key != "" {
		parts = append(parts, "key "+f.Key)
	}
	if len(f.Writes) > 0 {
		parts = append(parts, "writes "+strings.Join(f.Writes, ","))
	}
	if f.Flight {
		parts = append(parts, "single flight")
	}
	return "cache: " + strings.Join(parts, "; ")
}

func (f *Fact) empty() bool {
	return len(f.Ops) == 0 && f.Key == "" && len(f.Writes) == 0 && !f.Flight
}

// OpFact is a cache operation a function makes, with the parameters its
// key, value, TTL and loader come from (-1: not a parameter).
type OpFact struct {
	Kind Kind
	Lib  string
	// KeyParam is the parameter the key is made from, after KeyPrefix
	// (the shape of what the function puts before it); Shape is the key's
	// shape when it is built inside.
	KeyParam  int
	KeyPrefix string
	Shape     string
	// ValueParam is the parameter written as the value.
	ValueParam int
	// TTLParam is the parameter the TTL comes from, counted in Unit;
	// Forever and DefaultTTL tell which of its values mean "never" and
	// "the cache's default". When the TTL is set inside, Expiry, Const
	// and ConstText say what it is.
	TTLParam   int
	Unit       knowledge.TTLUnit
	Forever    int64
	DefaultTTL bool
	Expiry     Expiry
	Const      int64
	ConstText  string
	// Loader is the parameter a get-or-load runs on a miss; Guarded is
	// set when it lets one caller load while the others wait.
	Loader   int
	Guarded  bool
	IfAbsent bool
	// Lock is set for a write only when absent of a constant value: a
	// lock taken in the cache (SET lock:key 1 NX), not a cached value.
	Lock bool
}

func (o OpFact) String() string {
	var b strings.Builder
	b.WriteString(o.Kind.String())
	switch {
	case o.KeyParam >= 0:
		fmt.Fprintf(&b, " key %sarg%d", o.KeyPrefix, o.KeyParam)
	case o.Shape != "":
		fmt.Fprintf(&b, " key %s", o.Shape)
	}
	switch {
	case o.TTLParam >= 0:
		fmt.Fprintf(&b, " ttl arg%d", o.TTLParam)
	case o.Expiry == Fixed:
		fmt.Fprintf(&b, " ttl %s", o.ConstText)
	case o.Expiry == Forever:
		b.WriteString(" no expiry")
	}
	if o.Loader >= 0 {
		fmt.Fprintf(&b, " loader arg%d", o.Loader)
	}
	if o.Guarded {
		b.WriteString(" guarded")
	}
	if o.Lock {
		b.WriteString(" lock")
	}
	return b.String()
}

// LinksFact records, for a package, which key shapes hold which
// entities' rows in what it caches.
type LinksFact struct {
	Links []Link
}

// AFact marks LinksFact as an analysis fact.
func (*LinksFact) AFact() {}

func (f *LinksFact) String() string {
	var parts []string
	for _, l := range f.Links {
		parts = append(parts, l.Shape+"="+l.Entity)
	}
	return "cache links: " + strings.Join(parts, ", ")
}

// wantsLinksFact marks a package that writes rows of entities and so
// asked for every package's links: another package's links, that it
// does not import (a cache in front of the models that update the
// rows), may change what it finds, in the engine's second round.
type wantsLinksFact struct{}

// AFact marks wantsLinksFact as an analysis fact.
func (*wantsLinksFact) AFact() {}

func (*wantsLinksFact) String() string { return "wants the program's cache links" }

// Wants reports whether another package's fact holds links.
func (*wantsLinksFact) Wants(other analysis.Fact) bool {
	f, ok := other.(*LinksFact)
	return ok && len(f.Links) > 0
}

// summaryOf returns what calling fn does to caches: for a function of
// this package, from its code; for another's, from its fact.
func (r *Result) summaryOf(fn *types.Func) *Fact {
	fn = fn.Origin()
	if f, ok := r.sums[fn]; ok {
		return f
	}
	var f *Fact
	if decl := r.decls[fn]; decl != nil {
		if r.busy[fn] {
			return nil // recursion: what it does is still being found
		}
		r.busy[fn] = true
		f = r.summarize(decl)
		delete(r.busy, fn)
	} else if fn.Pkg() == r.pass.Pkg && interfaceMethod(fn) {
		f = r.ifaceSummary(fn)
	} else if fn.Pkg() != nil && fn.Pkg() != r.pass.Pkg {
		var imported Fact
		if r.pass.ImportObjectFact(fn, &imported) {
			f = &imported
		}
	}
	r.sums[fn] = f
	return f
}

// summarize finds what a declaration does to caches that its callers can
// see: the operations whose key, value or TTL its parameters give or
// whose key it builds, and a get-or-load made of a read, a call of a
// function parameter, and a write of the same key.
func (r *Result) summarize(decl *ast.FuncDecl) *Fact {
	f := &Fact{Flight: r.flight(decl)}
	ops := r.opsOf(decl)
	aside := r.asideOf(decl, ops)
	for _, op := range ops {
		if aside != nil && (op == aside.get || op == aside.set) {
			continue
		}
		of := r.opFact(decl, op)
		if of.KeyParam < 0 && of.Shape == "" {
			continue // the caller could tell nothing of the key
		}
		f.Ops = append(f.Ops, of)
	}
	if aside != nil {
		of := r.opFact(decl, aside.set)
		of.Kind = Aside
		of.Loader = aside.loader
		of.Guarded = r.Guarded(decl, aside.set.Call.Pos())
		if of.KeyParam >= 0 || of.Shape != "" {
			f.Ops = append(f.Ops, of)
		}
	}
	return f
}

// opFact is an operation of a declaration as its callers see it.
func (r *Result) opFact(decl *ast.FuncDecl, op *Op) OpFact {
	of := OpFact{
		Kind: op.Kind, Lib: op.Lib, KeyParam: -1, ValueParam: -1, TTLParam: -1, Loader: -1,
		Unit: op.Unit, Expiry: op.Expiry, Const: op.Const, ConstText: op.ConstText,
		Guarded: op.Guarded, IfAbsent: op.IfAbsent,
		Forever: op.forever, DefaultTTL: op.defaultTTL,
	}
	if op.Key != nil {
		if p, prefix, ok := r.keyAffix(decl, op.Key); ok {
			of.KeyParam, of.KeyPrefix = p, prefix
		}
	}
	if of.KeyParam < 0 {
		of.Shape = op.Shape
	}
	of.ValueParam = r.valueParam(decl, op.Value, 0)
	of.Lock = r.isLock(op)
	if op.Expiry == FromParam {
		of.TTLParam = op.TTLParam
	}
	of.Loader = r.exprParam(decl, op.Loader)
	return of
}

// exprParam returns the parameter of decl that e is, or -1.
func (r *Result) exprParam(decl ast.Node, e ast.Expr) int {
	if e == nil {
		return -1
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return -1
	}
	v, _ := r.pass.TypesInfo.ObjectOf(id).(*types.Var)
	return r.paramIndex(decl, v)
}

// valueParam returns the parameter of decl that a value written is, or
// is encoded from: b, after b, _ := json.Marshal(u), comes from u.
func (r *Result) valueParam(decl ast.Node, e ast.Expr, depth int) int {
	if p := r.exprParam(decl, e); p >= 0 || e == nil || depth > 2 {
		return p
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return -1
	}
	v, _ := r.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil || v.IsField() {
		return -1
	}
	found := -1
	for _, w := range r.index.Writes(v) {
		call, ok := ast.Unparen(w.RHS).(*ast.CallExpr)
		if !ok || !w.Sets() {
			return -1
		}
		p := -1
		for _, a := range call.Args {
			if q := r.valueParam(decl, a, depth+1); q >= 0 {
				if p >= 0 && p != q {
					return -1 // made of two parameters
				}
				p = q
			}
		}
		if p < 0 || found >= 0 && found != p {
			return -1
		}
		found = p
	}
	return found
}

// aside is a get-or-load found in a declaration.
type aside struct {
	get, set *Op
	loader   int
}

// asideOf finds, in a declaration, a read of a key, then a call of a
// function parameter (the loader), then a write of the same key.
func (r *Result) asideOf(decl *ast.FuncDecl, ops []*Op) *aside {
	for _, g := range ops {
		if g.Kind != Get {
			continue
		}
		for _, s := range ops {
			if s.Kind != Set || s.IfAbsent || s.Call.Pos() < g.Call.End() || !sameKey(g, s) {
				continue
			}
			if loader := r.loaderCall(decl, g.Call.End(), s.Call.Pos()); loader >= 0 {
				return &aside{get: g, set: s, loader: loader}
			}
		}
	}
	return nil
}

// sameKey reports whether two operations name the same key: the same
// parameter, the same variable, or the same shape.
func sameKey(a, b *Op) bool {
	switch {
	case a.Key == nil || b.Key == nil:
		return a.Shape != "" && a.Shape == b.Shape
	case a.KeyParam >= 0 || b.KeyParam >= 0:
		return a.KeyParam == b.KeyParam
	case types.ExprString(a.Key) == types.ExprString(b.Key):
		return true
	}
	return a.Shape != "" && a.Shape == b.Shape && strings.Trim(a.Shape, "*") != ""
}

// SameKey reports whether two operations name the same key.
func SameKey(a, b *Op) bool { return sameKey(a, b) }

// loaderCall returns the parameter of decl, a function, that decl calls
// between from and to, or -1.
func (r *Result) loaderCall(decl ast.Node, from, to token.Pos) int {
	found := -1
	ast.Inspect(decl, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found >= 0 || call.Pos() < from || call.Pos() > to {
			return found < 0
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if v, ok := r.pass.TypesInfo.Uses[id].(*types.Var); ok {
				if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
					found = r.paramIndex(decl, v)
				}
			}
		}
		return found < 0
	})
	return found
}

// Guarded reports whether a top function lets one caller load while the
// others wait, before pos: a singleflight call, a mutex it locks, or a
// key it sets only when absent (a lock in redis).
func (r *Result) Guarded(top ast.Node, pos token.Pos) bool {
	guarded := false
	ast.Inspect(top, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || guarded {
			return !guarded
		}
		fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
		if fn == nil {
			return true
		}
		if knowledge.LoadGuards[knowledge.FuncName(fn)] {
			guarded = true
		} else if fn.Pkg() != nil && !knowledge.Described(fn.Pkg().Path()) {
			if f := r.summaryOf(fn); f != nil && f.Flight {
				guarded = true
			}
		}
		if (fn.Name() == "Lock" || fn.Name() == "RLock") && call.Pos() < pos {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && r.isMutex(sel.X) && !r.unlocked(top, sel.X, call.End(), pos) {
				guarded = true
			}
		}
		return !guarded
	})
	if guarded {
		return true
	}
	for _, op := range r.opsOf(top) {
		if r.isLock(op) && op.Call.Pos() < pos {
			return true
		}
	}
	return false
}

// isLock reports whether an operation takes a lock in the cache: SET
// lock:key 1 NX, here or inside the function called (tryLock(ctx, key)).
func (r *Result) isLock(op *Op) bool {
	if op.Kind != Set || !op.IfAbsent {
		return false
	}
	return op.lock || op.Value != nil && r.pass.TypesInfo.Types[op.Value].Value != nil
}

// unlocked reports whether top unlocks the mutex mu between from and to
// (a deferred Unlock runs later).
func (r *Result) unlocked(top ast.Node, mu ast.Expr, from, to token.Pos) bool {
	name := types.ExprString(mu)
	found := false
	ast.Inspect(top, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.DeferStmt:
			return false
		case *ast.CallExpr:
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if ok && n.Pos() > from && n.Pos() < to && (sel.Sel.Name == "Unlock" || sel.Sel.Name == "RUnlock") && types.ExprString(sel.X) == name {
				found = true
			}
		}
		return !found
	})
	return found
}

func (r *Result) isMutex(x ast.Expr) bool {
	t := r.pass.TypesInfo.TypeOf(x)
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return knowledge.Mutexes[knowledge.TypeName(t)]
}

// returnedShape returns the shape of the string key a declaration returns
// from every return statement, or "".
func (r *Result) returnedShape(decl *ast.FuncDecl) string {
	res := decl.Type.Results
	if res == nil || len(res.List) == 0 || decl.Type.Params.NumFields() == 0 {
		return "" // a key helper makes the key of something it is given
	}
	if b, ok := r.pass.TypesInfo.TypeOf(res.List[0].Type).Underlying().(*types.Basic); !ok || b.Kind() != types.String {
		return ""
	}
	shape := ""
	for ret := range returns.In(decl.Body) {
		if len(ret.Results) == 0 {
			return ""
		}
		if r.failure(decl, ret) {
			continue
		}
		s := r.Shape(ret.Results[0])
		if s == "" || shape != "" && s != shape {
			return ""
		}
		shape = s
	}
	return shape
}

// failure reports whether a return statement of a declaration whose
// last result is an error returns a non-nil error: its other results
// are not what the function makes.
func (r *Result) failure(decl *ast.FuncDecl, ret *ast.ReturnStmt) bool {
	sig, ok := r.pass.TypesInfo.TypeOf(decl.Name).(*types.Signature)
	if !ok || sig.Results().Len() < 2 || len(ret.Results) != sig.Results().Len() {
		return false
	}
	last := sig.Results().At(sig.Results().Len() - 1).Type()
	if !types.Identical(last, types.Universe.Lookup("error").Type()) {
		return false
	}
	return !r.pass.TypesInfo.Types[ret.Results[len(ret.Results)-1]].IsNil()
}

// wrappedParam returns the parameter a key helper ends its key with when
// it only joins its parameters and constants (BuildCacheKey(prefix, key)
// returns prefix+":"+key, or strings.Join([]string{prefix, key}, ":")),
// or -1.
func (r *Result) wrappedParam(decl *ast.FuncDecl) int {
	res := decl.Type.Results
	if res == nil || len(res.List) == 0 {
		return -1
	}
	if b, ok := r.pass.TypesInfo.TypeOf(res.List[0].Type).Underlying().(*types.Basic); !ok || b.Kind() != types.String {
		return -1
	}
	found := -1
	for ret := range returns.In(decl.Body) {
		if len(ret.Results) == 0 {
			return -1
		}
		if r.failure(decl, ret) {
			continue
		}
		p := r.joined(decl, ret.Results[0])
		if p < 0 || found >= 0 && p != found {
			return -1
		}
		found = p
	}
	return found
}

// joined returns the last parameter of decl that e joins, when e is made
// only of parameters and constants joined by +, fmt.Sprintf or
// strings.Join of a literal list; or -1.
func (r *Result) joined(decl *ast.FuncDecl, e ast.Expr) int {
	last := -1
	var walk func(e ast.Expr) bool
	walk = func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if r.pass.TypesInfo.Types[e].Value != nil {
			return true
		}
		switch x := e.(type) {
		case *ast.Ident:
			if p := r.exprParam(decl, x); p >= 0 {
				last = p
				return true
			}
		case *ast.BinaryExpr:
			return x.Op == token.ADD && walk(x.X) && walk(x.Y)
		case *ast.CompositeLit:
			for _, el := range x.Elts {
				if !walk(el) {
					return false
				}
			}
			return true
		case *ast.CallExpr:
			fn, _ := typeutil.Callee(r.pass.TypesInfo, x).(*types.Func)
			switch knowledge.FuncName(fn) {
			case "fmt.Sprintf", "fmt.Sprint", "strings.Join":
				for _, a := range x.Args {
					if !walk(a) {
						return false
					}
				}
				return true
			}
		}
		return false
	}
	if !walk(e) {
		return -1
	}
	return last
}

// keyShape returns the shape of the key a declaration of the package
// returns, finding it once.
func (r *Result) keyShape(fn *types.Func, decl *ast.FuncDecl) string {
	if s, ok := r.keys[fn]; ok {
		return s
	}
	if r.busy[fn] {
		return ""
	}
	r.busy[fn] = true
	s := r.returnedShape(decl)
	delete(r.busy, fn)
	r.keys[fn] = s
	return s
}

// keyHelper gives the strexpr evaluator the shape of a key helper's
// result: userKey(id) is "user:*".
func (r *Result) keyHelper(call *ast.CallExpr, fn *types.Func) ([]strexpr.Part, bool) {
	if fn.Pkg() == nil || knowledge.Described(fn.Pkg().Path()) {
		return nil, false
	}
	var shape string
	if decl := r.decls[fn.Origin()]; decl != nil {
		shape = r.keyShape(fn.Origin(), decl)
		if p := r.wrappedParam(decl); shape == "" && p >= 0 && p < len(call.Args) {
			// BuildCacheKey(prefix, key): what comes before the key is
			// not known, the key is the caller's.
			return append([]strexpr.Part{{Kind: strexpr.Dynamic, Expr: call, Origin: strexpr.Call}}, r.ev.Eval(call.Args[p])...), true
		}
	} else if f := r.summaryOf(fn); f != nil {
		shape = f.Key
	}
	if shape == "" {
		return nil, false
	}
	var parts []strexpr.Part
	for i, text := range strings.Split(shape, "*") {
		if i > 0 {
			parts = append(parts, strexpr.Part{Kind: strexpr.Dynamic, Expr: call, Origin: strexpr.Call})
		}
		if text != "" {
			parts = append(parts, strexpr.Part{Kind: strexpr.Const, Text: text, Expr: call})
		}
	}
	return parts, true
}

// export records the facts of the package's functions that other
// packages can call, and the package's links.
func (r *Result) export() {
	for fn, decl := range r.decls {
		if !fn.Exported() && fn.Signature().Recv() == nil {
			continue
		}
		f := r.summaryOf(fn)
		if f == nil {
			f = &Fact{}
		}
		out := &Fact{Ops: f.Ops, Key: r.keyShape(fn, decl), Writes: r.leftWrites(decl), Flight: f.Flight}
		if !out.empty() {
			r.pass.ExportObjectFact(fn, out)
		}
	}
	for _, m := range r.interfaceMethods() {
		if f := r.summaryOf(m); f != nil && !f.empty() {
			r.pass.ExportObjectFact(m, &Fact{Ops: f.Ops, Flight: f.Flight})
		}
	}
	if len(r.own) > 0 {
		r.pass.ExportPackageFact(&LinksFact{Links: r.own})
	}
}

// A cache is often reached through an interface of the program's
// (UserCache, with Get, Set and Del of a user), implemented over the
// client in the package that declares it: a call of its method does what
// the implementation does. A mock or fake, which does nothing to a
// cache, does not count; implementations that differ leave the call
// unknown.

// ifaceSummary returns what a call of an interface method of the package
// does to caches: what its implementations in the package that do
// something do, when they do the same.
func (r *Result) ifaceSummary(m *types.Func) *Fact {
	var found *Fact
	impls := r.implementations(m, nil)
	flight := len(impls) > 0
	for _, impl := range impls {
		f := r.summaryOf(impl)
		flight = flight && f != nil && f.Flight
		if f == nil || len(f.Ops) == 0 {
			continue
		}
		if found != nil && !reflect.DeepEqual(found.Ops, f.Ops) {
			return nil
		}
		found = &Fact{Ops: f.Ops}
	}
	if flight {
		if found == nil {
			found = &Fact{}
		}
		found.Flight = true
	}
	return found
}

// interfaceMethods returns the methods the package's interfaces declare.
func (r *Result) interfaceMethods() []*types.Func {
	var out []*types.Func
	scope := r.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		for m := range iface.ExplicitMethods() {
			out = append(out, m)
		}
	}
	return out
}

// interfaceMethod reports whether fn is a method of an interface.
func interfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}
