package cacheops

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/types/typeutil"
)

// rueidisCmdsPath is the package of rueidis's command builder.
const rueidisCmdsPath = "github.com/redis/rueidis/internal/cmds"

// opsOf returns the cache operations of a top function, finding them
// once. A declaration met again while its own operations are being found
// (recursion) has none yet.
func (r *Result) opsOf(top ast.Node) []*Op {
	if ops, ok := r.ops[top]; ok {
		return ops
	}
	r.ops[top] = nil
	var out []*Op
	ast.Inspect(top, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			out = append(out, r.callOps(top, call)...)
		}
		return true
	})
	r.ops[top] = out
	return out
}

// callOps returns the cache operations a call makes: a cache client's
// call, the Build of a rueidis command, or a call of a function of the
// program that makes them inside.
func (r *Result) callOps(top ast.Node, call *ast.CallExpr) []*Op {
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return nil
	}
	name := knowledge.FuncName(fn)
	if c, ok := knowledge.CacheCalls[name]; ok {
		return r.libOps(top, call, fn, c)
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == rueidisCmdsPath {
		if fn.Name() == "Build" || fn.Name() == "Cache" {
			if op := r.rueidisOp(top, call); op != nil {
				return []*Op{op}
			}
		}
		return nil
	}
	if fn.Pkg() == nil || knowledge.Described(fn.Pkg().Path()) {
		return nil
	}
	sum := r.summaryOf(fn)
	if sum == nil {
		return nil
	}
	var out []*Op
	sig := fn.Signature()
	for i := range sum.Ops {
		of := &sum.Ops[i]
		if sig.Variadic() && of.KeyParam == sig.Params().Len()-1 && !call.Ellipsis.IsValid() {
			// Del(ctx, keys ...string) called with the keys listed: one
			// operation per key.
			for k := of.KeyParam; k < len(call.Args); k++ {
				if op := r.viaOp(top, call, fn, of, call.Args[k]); op != nil {
					out = append(out, op)
				}
			}
			continue
		}
		var key ast.Expr
		if of.KeyParam >= 0 && of.KeyParam < len(call.Args) && (!sig.Variadic() || of.KeyParam < sig.Params().Len()-1) {
			key = call.Args[of.KeyParam]
		}
		if op := r.viaOp(top, call, fn, of, key); op != nil {
			out = append(out, op)
		}
	}
	return out
}

func (r *Result) newOp(top ast.Node, call *ast.CallExpr, kind Kind, lib string) *Op {
	return &Op{Kind: kind, Lib: lib, Call: call, Func: funcOf(top, call.Pos()), KeyParam: -1, TTLParam: -1, Name: callName(call)}
}

// libOps returns the operations of a cache client's call: one per key
// listed (Del(ctx, a, b)).
func (r *Result) libOps(top ast.Node, call *ast.CallExpr, fn *types.Func, c knowledge.CacheCall) []*Op {
	arg := func(i int) ast.Expr {
		if i < 0 || i >= len(call.Args) {
			return nil
		}
		return call.Args[i]
	}
	op := r.newOp(top, call, Kind(c.Op), c.Lib)
	op.IfAbsent = c.IfAbsent
	op.forever, op.defaultTTL = c.Forever, c.DefaultTTL
	if c.Item {
		lit := r.itemLiteral(arg(c.Key))
		var key, value, ttl ast.Expr
		if lit != nil {
			op.Item = lit
			key, value, ttl = field(lit, knowledge.ItemKey), field(lit, knowledge.ItemValue), field(lit, knowledge.ItemTTL)
		}
		r.setKey(op, top, key)
		op.Value = value
		op.TTLType = types.Typ[types.Int32]
		op.Unit = c.Unit
		switch {
		case op.Kind != Set:
		case lit == nil:
			op.Expiry = Unknown // an item built elsewhere
		case ttl == nil:
			op.Expiry = Forever
		default:
			r.setTTL(op, top, ttl, c)
		}
		return []*Op{op}
	}
	if c.Keys && !call.Ellipsis.IsValid() && len(call.Args) > c.Key+1 {
		var out []*Op
		for _, k := range call.Args[c.Key:] {
			each := *op
			r.setKey(&each, top, k)
			out = append(out, &each)
		}
		return out
	}
	if c.Keys && call.Ellipsis.IsValid() && len(call.Args) == c.Key+1 {
		if keys := r.spreadKeys(top, call.Args[c.Key]); len(keys) > 0 {
			var out []*Op
			for _, k := range keys {
				each := *op
				r.setKey(&each, top, k)
				out = append(out, &each)
			}
			return out
		}
	}
	if !c.Keys || !call.Ellipsis.IsValid() {
		r.setKey(op, top, arg(c.Key))
	}
	op.Value = arg(c.Value)
	op.Unit = c.Unit
	if c.TTL >= 0 && c.TTL < fn.Signature().Params().Len() {
		op.TTLType = fn.Signature().Params().At(c.TTL).Type()
	}
	if op.Kind == Set || op.Kind == Expire {
		if ttl := arg(c.TTL); ttl != nil {
			r.setTTL(op, top, ttl, c)
		} else {
			op.Expiry = noTTL(c)
		}
	}
	return []*Op{op}
}

// noTTL is the expiry of a write that takes no TTL.
func noTTL(c knowledge.CacheCall) Expiry {
	switch {
	case c.NoTTLForever:
		return Forever
	case c.DefaultTTL:
		return Default
	}
	return Unknown
}

// spreadKeys returns the keys a list spread into a call (Del(ctx,
// keys...)) holds: the elements of a literal list; the function's
// variadic parameter itself; or, for a local list, the elements it is
// given (a literal, append(keys, userKey(id)), keys[i] = ..., in a loop
// or not: keys := make(...); for _, id := range ids { keys =
// append(keys, userKey(id)) }) and, for a list filled in a loop over a
// parameter, the parameter too (sponge's Del wrapper, whose caller lists
// the keys and whose loop adds a prefix to each).
func (r *Result) spreadKeys(top ast.Node, e ast.Expr) []ast.Expr {
	if lit := compositeList(e); lit != nil {
		return lit.Elts
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := r.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil || v.IsField() {
		return nil
	}
	if r.paramIndex(top, v) >= 0 {
		return []ast.Expr{id}
	}
	var keys []ast.Expr
	if p := r.filledFrom(top, v); p != nil {
		keys = append(keys, p)
	}
	return append(keys, r.listed(v)...)
}

// listed returns the elements a local list is given: those of a literal
// assigned to it, those appended to it, those assigned to its elements.
// The list holds at least these; what another value it is assigned holds
// is unknown.
func (r *Result) listed(v *types.Var) []ast.Expr {
	var out []ast.Expr
	for _, w := range r.index.Writes(v) {
		switch {
		case w.RHS == nil:
		case w.Kind == strexpr.Elem:
			out = append(out, w.RHS)
		case w.Kind == strexpr.Assign:
			switch rhs := ast.Unparen(w.RHS).(type) {
			case *ast.CompositeLit:
				out = append(out, rhs.Elts...)
			case *ast.CallExpr:
				if r.isAppend(rhs) && !rhs.Ellipsis.IsValid() {
					out = append(out, rhs.Args[1:]...)
				}
			}
		}
	}
	return out
}

// isAppend reports whether call is of the built-in append.
func (r *Result) isAppend(call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := r.pass.TypesInfo.Uses[id].(*types.Builtin)
	return ok && b.Name() == "append"
}

func compositeList(e ast.Expr) *ast.CompositeLit {
	if e == nil {
		return nil
	}
	lit, _ := ast.Unparen(e).(*ast.CompositeLit)
	return lit
}

// filledFrom returns the parameter, as its range statement names it,
// over which a loop fills every element of the list v (v[i] = ..., v =
// append(v, ...)), or nil.
func (r *Result) filledFrom(top ast.Node, v *types.Var) ast.Expr {
	var loop *ast.RangeStmt
	ast.Inspect(top, func(n ast.Node) bool {
		rs, ok := n.(*ast.RangeStmt)
		if !ok || loop != nil {
			return loop == nil
		}
		if x, ok := ast.Unparen(rs.X).(*ast.Ident); ok {
			pv, _ := r.pass.TypesInfo.Uses[x].(*types.Var)
			if r.paramIndex(top, pv) >= 0 {
				loop = rs
			}
		}
		return loop == nil
	})
	if loop == nil {
		return nil
	}
	filled := false
	for _, w := range r.index.Writes(v) {
		inLoop := w.Pos >= loop.Body.Pos() && w.Pos < loop.Body.End()
		switch {
		case w.Kind == strexpr.Elem && inLoop:
			filled = true
		case w.Kind == strexpr.Assign && inLoop:
			call, ok := ast.Unparen(w.RHS).(*ast.CallExpr)
			if !ok {
				return nil
			}
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); !ok || id.Name != "append" {
				return nil
			}
			filled = true
		case w.Kind == strexpr.Assign && w.Pos < loop.Pos():
			// the empty list made before the loop
		default:
			return nil
		}
	}
	if !filled {
		return nil
	}
	return loop.X
}

// itemLiteral returns the gomemcache item literal an argument is, or
// holds: &memcache.Item{...}, or a variable assigned one once.
func (r *Result) itemLiteral(e ast.Expr) *ast.CompositeLit {
	for range 3 {
		if e == nil {
			return nil
		}
		e = ast.Unparen(e)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = ast.Unparen(u.X)
		}
		switch x := e.(type) {
		case *ast.CompositeLit:
			return x
		case *ast.Ident:
			e = r.onlyValue(x)
		default:
			return nil
		}
	}
	return nil
}

// onlyValue returns the value a variable is given when it is given one
// only once, where it is declared or assigned, and never has its address
// taken; nil otherwise.
func (r *Result) onlyValue(id *ast.Ident) ast.Expr {
	v, ok := r.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok || v.IsField() {
		return nil
	}
	if _, isParam := r.index.Param(v); isParam {
		return nil // the caller gives it its first value
	}
	ws := r.index.Writes(v)
	if len(ws) != 1 || ws[0].Kind != strexpr.Assign || ws[0].RHS == nil {
		return nil
	}
	return ws[0].RHS
}

func field(lit *ast.CompositeLit, name string) ast.Expr {
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return kv.Value
			}
		}
	}
	return nil
}

// setKey records the key of an operation, its shape, and the parameter
// of the enclosing declaration it is made from.
func (r *Result) setKey(op *Op, top ast.Node, key ast.Expr) {
	if key == nil {
		return
	}
	op.Key = key
	parts := r.ev.Eval(key)
	op.Shape = shapeOf(parts)
	if id, ok := ast.Unparen(key).(*ast.Ident); ok {
		v, _ := r.pass.TypesInfo.ObjectOf(id).(*types.Var)
		op.KeyParam = r.paramIndex(top, v)
	}
}

// keyAffix returns, for a key built as a constant (or a field) followed
// by a parameter of the declaration ("user:"+id), the parameter and the
// shape of what comes before it.
func (r *Result) keyAffix(top ast.Node, key ast.Expr) (param int, prefix string, ok bool) {
	parts := r.ev.Eval(key)
	if len(parts) == 0 {
		return -1, "", false
	}
	last := parts[len(parts)-1]
	if last.Kind != strexpr.Dynamic || last.Origin != strexpr.Param {
		return -1, "", false
	}
	i := r.paramIndex(top, last.Param)
	if i < 0 {
		return -1, "", false
	}
	prefix = shapeOf(parts[:len(parts)-1])
	if prefix == "" && len(parts) > 1 {
		prefix = "*"
	}
	return i, prefix, true
}

// setTTL records what a write's TTL argument is.
func (r *Result) setTTL(op *Op, top ast.Node, ttl ast.Expr, c knowledge.CacheCall) {
	op.forever, op.defaultTTL = c.Forever, c.DefaultTTL
	op.TTL = ttl
	op.Expiry, op.Const, op.TTLParam = r.expiry(top, ttl, c.Forever, c.DefaultTTL)
	if op.Expiry == Fixed {
		op.ConstText = types.ExprString(ttl)
	}
	if op.Expiry == FromParam {
		op.Unit = r.paramUnit(top, ttl, op.Unit)
		if r.zeroDefault(top, ttl) {
			// if ttl == 0 { ttl = DefaultExpireTime }: a caller's 0 is
			// the wrapper's default, not "never".
			op.forever, op.defaultTTL = noForever, true
		}
	}
}

// noForever is the forever value of a TTL that no value means "never".
const noForever = math.MinInt64

// zeroDefault reports whether a function replaces a zero TTL parameter
// with another value before using it: if ttl == 0 { ttl = def }.
func (r *Result) zeroDefault(top ast.Node, ttl ast.Expr) bool {
	id, ok := ast.Unparen(ttl).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := r.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil {
		return false
	}
	found := false
	ast.Inspect(top, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || found {
			return !found
		}
		cond, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
		if !ok || cond.Op != token.EQL && cond.Op != token.LEQ {
			return true
		}
		x, y := cond.X, cond.Y
		if _, ok := r.constValue(x); ok {
			x, y = y, x
		}
		if c, ok := r.constValue(y); !ok || c != 0 || !r.mentionsOnly(x, v) {
			return true
		}
		for _, st := range ifs.Body.List {
			if as, ok := st.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && r.mentionsOnly(as.Lhs[0], v) {
				found = true
			}
		}
		return !found
	})
	return found
}

// mentionsOnly reports whether e is the variable v.
func (r *Result) mentionsOnly(e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && r.pass.TypesInfo.Uses[id] == v
}

// expiry tells what a TTL expression is: a constant (and which), one with
// a random part, a parameter of the enclosing declaration, or a value
// computed at run time.
func (r *Result) expiry(top ast.Node, e ast.Expr, forever int64, defaultTTL bool) (Expiry, int64, int) {
	if v, ok := r.constValue(e); ok {
		switch {
		case v == forever:
			return Forever, 0, -1
		case defaultTTL && v == 0:
			return Default, 0, -1
		case v <= 0:
			return Unknown, 0, -1 // KEEPTTL, or an error the client reports
		}
		return Fixed, v, -1
	}
	if r.random(e, 0) {
		return Jittered, 0, -1
	}
	if p, _ := r.ttlParam(top, e, 0); p >= 0 {
		return FromParam, 0, p
	}
	return Unknown, 0, -1
}

// constValue returns the value of a constant integer expression, or of a
// variable that only ever holds one (var cacheTTL = time.Hour).
func (r *Result) constValue(e ast.Expr) (int64, bool) {
	e = ast.Unparen(e)
	if tv := r.pass.TypesInfo.Types[e]; tv.Value != nil {
		v := constant.ToInt(tv.Value)
		if v.Kind() != constant.Int {
			return 0, false
		}
		return constant.Int64Val(v)
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return 0, false
	}
	rhs := r.onlyValue(id)
	if rhs == nil {
		return 0, false
	}
	if tv := r.pass.TypesInfo.Types[rhs]; tv.Value != nil {
		v := constant.ToInt(tv.Value)
		if v.Kind() == constant.Int {
			return constant.Int64Val(v)
		}
	}
	return 0, false
}

// random reports whether an expression draws on a random source: a TTL
// with jitter.
func (r *Result) random(e ast.Expr, depth int) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if fn, ok := typeutil.Callee(r.pass.TypesInfo, n).(*types.Func); ok && fn.Pkg() != nil && knowledge.Randomizers[fn.Pkg().Path()] {
				found = true
			}
		case *ast.Ident:
			if depth < 3 {
				if v, ok := r.pass.TypesInfo.Uses[n].(*types.Var); ok && !v.IsField() {
					for _, w := range r.index.Writes(v) {
						if w.RHS != nil && r.random(w.RHS, depth+1) {
							found = true
						}
					}
				}
			}
		}
		return !found
	})
	return found
}

// ttlParam finds the parameter of the declaration a TTL comes from:
// ttl, time.Duration(seconds)*time.Second, a local variable holding one.
// It returns -1 when the TTL is not made from one parameter alone.
func (r *Result) ttlParam(top ast.Node, e ast.Expr, depth int) (int, ast.Expr) {
	if depth > 3 {
		return -1, nil
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := r.pass.TypesInfo.ObjectOf(x).(*types.Var)
		if i := r.paramIndex(top, v); i >= 0 {
			return i, x
		}
		if rhs := r.onlyValue(x); rhs != nil {
			return r.ttlParam(top, rhs, depth+1)
		}
	case *ast.CallExpr:
		if tv := r.pass.TypesInfo.Types[x.Fun]; tv.IsType() && len(x.Args) == 1 {
			return r.ttlParam(top, x.Args[0], depth+1)
		}
	case *ast.BinaryExpr:
		if x.Op == token.MUL {
			if _, ok := r.constValue(x.Y); ok {
				return r.ttlParam(top, x.X, depth+1)
			}
			if _, ok := r.constValue(x.X); ok {
				return r.ttlParam(top, x.Y, depth+1)
			}
		}
	}
	return -1, nil
}

// paramUnit returns the unit in which callers pass a TTL parameter: a
// parameter multiplied by time.Second counts seconds.
func (r *Result) paramUnit(top ast.Node, e ast.Expr, unit knowledge.TTLUnit) knowledge.TTLUnit {
	found := unit
	ast.Inspect(e, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if !ok || b.Op != token.MUL {
			return true
		}
		for _, side := range []ast.Expr{b.X, b.Y} {
			switch v, _ := r.constValue(side); v {
			case 1e9:
				found = knowledge.Seconds
			case 1e6:
				found = knowledge.Milliseconds
			}
		}
		return true
	})
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if rhs := r.onlyValue(id); rhs != nil {
			return r.paramUnit(top, rhs, found)
		}
	}
	return found
}

// rueidisOp reads a rueidis command from its Build (or Cache) call back
// to the builder's command: client.B().Set().Key(k).Value(v).Ex(ttl).Build().
func (r *Result) rueidisOp(top ast.Node, build *ast.CallExpr) *Op {
	var links []rueidisLink
	cur := build
	for range 16 {
		sel, ok := ast.Unparen(cur.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		next, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return nil
		}
		fn, _ := typeutil.Callee(r.pass.TypesInfo, next).(*types.Func)
		if fn == nil {
			return nil
		}
		name := knowledge.FuncName(fn)
		if c, ok := knowledge.RueidisCommands[name]; ok {
			op := r.rueidisCommand(top, build, c, links)
			op.Name = types.ExprString(next)
			return op
		}
		if a, ok := knowledge.RueidisArgs[name]; ok {
			links = append(links, rueidisLink{arg: a, call: next, fn: fn})
		}
		cur = next
	}
	return nil
}

// rueidisLink is a link of a rueidis command's chain that carries an
// argument.
type rueidisLink struct {
	arg  knowledge.RueidisArg
	call *ast.CallExpr
	fn   *types.Func
}

func (r *Result) rueidisCommand(top ast.Node, build *ast.CallExpr, c knowledge.CacheCall, links []rueidisLink) *Op {
	op := r.newOp(top, build, Kind(c.Op), c.Lib)
	op.Expiry = noTTL(c)
	var keys []ast.Expr
	for _, l := range links {
		var arg ast.Expr
		if len(l.call.Args) > 0 {
			arg = l.call.Args[0]
		}
		switch l.arg.Role {
		case knowledge.RueidisKey:
			if l.call.Ellipsis.IsValid() {
				keys = append(keys, nil)
			} else {
				keys = append(keys, l.call.Args...)
			}
		case knowledge.RueidisValue:
			op.Value = arg
		case knowledge.RueidisTTL:
			op.Unit = l.arg.Unit
			op.TTLType = l.fn.Signature().Params().At(0).Type()
			if arg != nil {
				r.setTTL(op, top, arg, c)
			}
		case knowledge.RueidisOtherExpiry:
			op.Expiry = Unknown
		case knowledge.RueidisIfAbsent:
			op.IfAbsent = true
		}
	}
	if len(keys) == 1 && keys[0] != nil {
		r.setKey(op, top, keys[0])
	}
	return op
}

// viaOp returns the operation a call of a program's function makes
// inside, as its summary tells, with the call's arguments in place of the
// function's parameters.
func (r *Result) viaOp(top ast.Node, call *ast.CallExpr, fn *types.Func, of *OpFact, key ast.Expr) *Op {
	arg := func(i int) ast.Expr {
		if i < 0 || i >= len(call.Args) || fn.Signature().Variadic() && i >= fn.Signature().Params().Len()-1 {
			return nil
		}
		return call.Args[i]
	}
	op := r.newOp(top, call, of.Kind, of.Lib)
	op.Via = callName(call)
	op.IfAbsent, op.Guarded, op.lock = of.IfAbsent, of.Guarded, of.Lock
	op.forever, op.defaultTTL = of.Forever, of.DefaultTTL
	op.Shape = of.Shape
	if of.KeyParam >= 0 {
		if key == nil {
			return nil
		}
		op.Key = key
		shape := r.Shape(key)
		if shape == "" {
			shape = "*"
		}
		op.Shape = collapse(of.KeyPrefix + shape)
		if strings.Trim(op.Shape, "*") == "" {
			op.Shape = ""
		}
		if id, ok := ast.Unparen(key).(*ast.Ident); ok {
			v, _ := r.pass.TypesInfo.ObjectOf(id).(*types.Var)
			op.KeyParam = r.paramIndex(top, v)
		}
	}
	op.Value = arg(of.ValueParam)
	op.Unit = of.Unit
	if of.TTLParam >= 0 {
		if ttl := arg(of.TTLParam); ttl != nil {
			op.TTLType = fn.Signature().Params().At(of.TTLParam).Type()
			op.TTL = ttl
			op.Expiry, op.Const, op.TTLParam = r.expiry(top, ttl, of.Forever, of.DefaultTTL)
			if op.Expiry == Fixed {
				op.ConstText = types.ExprString(ttl)
			}
		}
	} else {
		op.Expiry, op.Const, op.ConstText = of.Expiry, of.Const, of.ConstText
	}
	op.Loader = arg(of.Loader)
	return op
}

func collapse(s string) string {
	for strings.Contains(s, "**") {
		s = strings.ReplaceAll(s, "**", "*")
	}
	return s
}

// callName names the called function as the code spells it.
func callName(call *ast.CallExpr) string {
	s := types.ExprString(call.Fun)
	if len(s) > 50 {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return sel.Sel.Name
		}
	}
	return s
}
