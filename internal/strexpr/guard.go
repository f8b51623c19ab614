package strexpr

import (
	"cmp"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp/syntax"
	"slices"

	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// Guards: the standard defence of a value that cannot be a placeholder
// (an ORDER BY column) is to check it against a closed set of constants
// and to reject or replace it when the check fails:
//
//	if !allowed[sort] { sort = "id" }
//	if _, ok := allowed[sort]; !ok { return errBadSort }
//	switch sort { case "name", "price": default: sort = "id" }
//	if !identRE.MatchString(sort) { http.Error(w, "bad sort", 400); return }
//
// The value is then one of the constants wherever the check dominates its
// use. This is worked out on the function's control flow graph: a forward
// analysis of what must hold on every path, in which a condition that
// implies membership marks the variable valid on the edge where it holds,
// an assignment of a constant marks it valid, and any other assignment
// forgets it. A check whose failing branch goes on (logs and continues)
// leaves the variable unchecked at the join, and so does a check against
// a set that is not constant or on another variable.

// guardState is what holds at a point of a function.
type guardState struct {
	valid map[*types.Var]bool // string variables holding one of a closed set of safe values
	// good maps a flag (a bool that is true, an error that is nil) to the
	// variables valid when the flag is: ok := allowed[s]; err := check(s).
	good map[*types.Var]map[*types.Var]bool
	// bad holds the flags that are surely false (ok := false) or non-nil:
	// whatever good would say of them holds vacuously.
	bad map[*types.Var]bool
}

func newGuardState() *guardState {
	return &guardState{valid: map[*types.Var]bool{}, good: map[*types.Var]map[*types.Var]bool{}, bad: map[*types.Var]bool{}}
}

func (s *guardState) clone() *guardState {
	c := newGuardState()
	for v := range s.valid {
		c.valid[v] = true
	}
	for f, vs := range s.good {
		m := make(map[*types.Var]bool, len(vs))
		for v := range vs {
			m[v] = true
		}
		c.good[f] = m
	}
	for f := range s.bad {
		c.bad[f] = true
	}
	return c
}

// never stands, in a list of variables valid when a condition holds, for
// all of them: the condition never holds (ok is still false).
var never = types.NewVar(token.NoPos, nil, "never", types.Typ[types.Invalid])

// flag returns the variables valid when the flag f is good.
func (s *guardState) flag(f *types.Var) []*types.Var {
	if s.bad[f] {
		return []*types.Var{never}
	}
	return keys(s.good[f])
}

// kill forgets what was known of v, as a variable and as a flag.
func (s *guardState) kill(v *types.Var) {
	delete(s.valid, v)
	delete(s.good, v)
	delete(s.bad, v)
	for f, vs := range s.good {
		if vs[v] {
			delete(vs, v)
			if len(vs) == 0 {
				delete(s.good, f)
			}
		}
	}
}

// join returns what holds on both paths: a or b may be nil (no path yet).
func join(a, b *guardState) *guardState {
	if a == nil {
		return b.clone()
	}
	out := newGuardState()
	for v := range a.valid {
		if b.valid[v] {
			out.valid[v] = true
		}
	}
	for f := range a.bad {
		if b.bad[f] {
			out.bad[f] = true
		}
	}
	flags := map[*types.Var]bool{}
	for f := range a.good {
		flags[f] = true
	}
	for f := range b.good {
		flags[f] = true
	}
	for f := range flags {
		m := map[*types.Var]bool{}
		for v := range a.good[f] {
			if b.good[f][v] || b.bad[f] {
				m[v] = true
			}
		}
		for v := range b.good[f] {
			if a.bad[f] {
				m[v] = true
			}
		}
		if len(m) > 0 {
			out.good[f] = m
		}
	}
	return out
}

func (s *guardState) equal(o *guardState) bool {
	if len(s.valid) != len(o.valid) || len(s.bad) != len(o.bad) || len(s.good) != len(o.good) {
		return false
	}
	for v := range s.valid {
		if !o.valid[v] {
			return false
		}
	}
	for f := range s.bad {
		if !o.bad[f] {
			return false
		}
	}
	for f, vs := range s.good {
		if len(vs) != len(o.good[f]) {
			return false
		}
		for v := range vs {
			if !o.good[f][v] {
				return false
			}
		}
	}
	return true
}

// fnGuard is the guard analysis of one function.
type fnGuard struct {
	ev    *Evaluator
	fn    ast.Node
	graph *cfg.CFG
	entry map[*cfg.Block]*guardState
	nodes []guardNode             // the graph's nodes, by position
	cases map[ast.Expr]*types.Var // a case of a switch on a variable: that variable
	local map[*types.Var]bool     // memo of guardable
	busy  bool                    // being computed: asks from inside see nothing
}

type guardNode struct {
	pos, end token.Pos
	block    *cfg.Block
	i        int
}

// maxGuardRounds bounds the fixed point on a function's graph.
const maxGuardRounds = 64

// guarded reports whether the local variable v, read at id, holds one of a
// closed set of safe values there: a check against constants dominates
// the read, or every path assigned a constant.
func (ev *Evaluator) guarded(id *ast.Ident, v *types.Var) bool {
	if !ev.Guard || !isString(v.Type()) {
		return false
	}
	fn := ev.Index.Enclosing(id.Pos())
	if fn == nil {
		return false
	}
	g := ev.fnGuard(fn)
	if g == nil || !g.guardable(v) {
		return false
	}
	st := g.stateAt(id.Pos())
	return st != nil && st.valid[v]
}

// fnGuard returns the analysis of fn, computing it the first time; nil
// while it is being computed.
func (ev *Evaluator) fnGuard(fn ast.Node) *fnGuard {
	if g, ok := ev.guards[fn]; ok {
		if g.busy {
			return nil
		}
		return g
	}
	if ev.guards == nil {
		ev.guards = make(map[ast.Node]*fnGuard)
	}
	if ev.current == nil {
		ev.current = make(map[*types.Var][]Part) // asked before any Eval: Validates
	}
	body := funcBody(fn)
	g := &fnGuard{ev: ev, fn: fn, entry: map[*cfg.Block]*guardState{}, cases: map[ast.Expr]*types.Var{}, local: map[*types.Var]bool{}, busy: true}
	ev.guards[fn] = g
	defer func() { g.busy = false }()
	g.graph = cfg.New(body, ev.mayReturn)
	for _, b := range g.graph.Blocks {
		for i, n := range b.Nodes {
			g.nodes = append(g.nodes, guardNode{n.Pos(), n.End(), b, i})
		}
	}
	slices.SortFunc(g.nodes, func(a, b guardNode) int { return cmp.Compare(a.pos, b.pos) })
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SwitchStmt:
			if v := g.variable(n.Tag); v != nil {
				for _, cc := range n.Body.List {
					for _, e := range cc.(*ast.CaseClause).List {
						g.cases[e] = v
					}
				}
			}
		}
		return true
	})
	g.solve()
	return g
}

func (ev *Evaluator) mayReturn(call *ast.CallExpr) bool {
	if isBuiltin(ev.Info, call, "panic") {
		return false
	}
	fn, _ := typeutil.Callee(ev.Info, call).(*types.Func)
	return fn == nil || !knowledge.NoReturn[knowledge.FuncName(fn)]
}

// solve computes the state at the entry of every block reached.
func (g *fnGuard) solve() {
	if len(g.graph.Blocks) == 0 {
		return
	}
	first := g.graph.Blocks[0]
	g.entry[first] = newGuardState()
	work := []*cfg.Block{first}
	for steps := 0; len(work) > 0 && steps < maxGuardRounds*len(g.graph.Blocks); steps++ {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		out := g.entry[b].clone()
		for _, n := range b.Nodes {
			g.transfer(out, n)
		}
		outs := []*guardState{out, out}
		if len(b.Succs) == 2 && len(b.Nodes) > 0 {
			if e, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr); ok {
				t, f := g.cond(e, out)
				outs = []*guardState{out.clone(), out.clone()}
				for i, vs := range [][]*types.Var{t, f} {
					if slices.Contains(vs, never) {
						outs[i] = nil // the edge is never taken
						continue
					}
					for _, v := range vs {
						outs[i].valid[v] = true
					}
				}
			}
		}
		for i, s := range b.Succs {
			in := outs[min(i, 1)]
			if in == nil {
				continue
			}
			if s.Kind == cfg.KindRangeBody {
				if rs, ok := s.Stmt.(*ast.RangeStmt); ok {
					in = in.clone()
					for _, e := range []ast.Expr{rs.Key, rs.Value} {
						if v := g.written(e); v != nil {
							in.kill(v)
						}
					}
				}
			}
			merged := join(g.entry[s], in)
			if old := g.entry[s]; old == nil || !merged.equal(old) {
				g.entry[s] = merged
				work = append(work, s)
			}
		}
	}
}

// stateAt returns the state just before the graph node that holds pos,
// or nil when no reached node does.
func (g *fnGuard) stateAt(pos token.Pos) *guardState {
	i, found := slices.BinarySearchFunc(g.nodes, pos, func(n guardNode, p token.Pos) int { return cmp.Compare(n.pos, p) })
	if !found {
		i--
	}
	if i < 0 || pos >= g.nodes[i].end {
		return nil
	}
	n := g.nodes[i]
	in := g.entry[n.block]
	if in == nil {
		return nil
	}
	st := in.clone()
	for _, m := range n.block.Nodes[:n.i] {
		g.transfer(st, m)
	}
	return st
}

// written returns the variable an assignment's left side names, or nil.
func (g *fnGuard) written(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || e == nil {
		return nil
	}
	v, _ := g.ev.Info.ObjectOf(id).(*types.Var)
	if v == nil || v.IsField() || isGlobal(v) {
		return nil
	}
	return v
}

// variable returns the local variable e names when the analysis can
// follow it, or nil.
func (g *fnGuard) variable(e ast.Expr) *types.Var {
	if e == nil {
		return nil
	}
	if v := g.written(e); v != nil && g.guardable(v) {
		return v
	}
	return nil
}

// guardable reports whether every write to v is in g's function itself
// (none in a closure, none through a pointer), so its graph sees them all.
func (g *fnGuard) guardable(v *types.Var) bool {
	if ok, seen := g.local[v]; seen {
		return ok
	}
	x := g.ev.Index
	ok := x.Owner(v) == g.fn
	if _, param := x.Param(v); !param {
		ok = x.Enclosing(v.Pos()) == g.fn
	}
	for _, w := range x.Writes(v) {
		if w.Kind == Escape || x.Enclosing(w.Pos) != g.fn {
			ok = false
		}
	}
	g.local[v] = ok
	return ok
}

// transfer applies the writes of one graph node to st.
func (g *fnGuard) transfer(st *guardState, n ast.Node) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		for i, lhs := range n.Lhs {
			v := g.written(lhs)
			if v == nil {
				continue
			}
			st.kill(v)
			switch {
			case n.Tok != token.ASSIGN && n.Tok != token.DEFINE:
			case len(n.Lhs) == len(n.Rhs):
				g.assign(st, v, n.Rhs[i])
			case i == len(n.Lhs)-1 && len(n.Rhs) == 1:
				g.assignLast(st, v, n.Rhs[0])
			}
		}
	case *ast.ValueSpec:
		for i, name := range n.Names {
			v := g.written(name)
			if v == nil {
				continue
			}
			st.kill(v)
			switch {
			case len(n.Values) == len(n.Names):
				g.assign(st, v, n.Values[i])
			case len(n.Values) == 1 && i == len(n.Names)-1:
				g.assignLast(st, v, n.Values[0])
			case len(n.Values) == 0 && isBool(v.Type()) && g.guardable(v):
				st.bad[v] = true // var ok bool
			}
		}
	}
}

// assign records v = rhs.
func (g *fnGuard) assign(st *guardState, v *types.Var, rhs ast.Expr) {
	if !g.guardable(v) {
		return
	}
	info := g.ev.Info
	tv := info.Types[rhs]
	switch {
	case isString(v.Type()):
		if tv.Value != nil {
			st.valid[v] = true
		}
	case isBool(v.Type()):
		if tv.Value != nil && !constant.BoolVal(tv.Value) {
			st.bad[v] = true
			return
		}
		t, _ := g.cond(rhs, st)
		g.setGood(st, v, t)
	case isError(v.Type()):
		g.assignLast(st, v, rhs)
	}
}

// assignLast records that v is the last result of rhs: ok of
// _, ok := m[k], err of err := validate(s) or _, err := check(s).
func (g *fnGuard) assignLast(st *guardState, v *types.Var, rhs ast.Expr) {
	if !g.guardable(v) {
		return
	}
	rhs = ast.Unparen(rhs)
	if ix, ok := rhs.(*ast.IndexExpr); ok {
		if k := g.variable(ix.Index); k != nil && g.ev.constKeys(ix.X) {
			g.setGood(st, v, []*types.Var{k})
		}
		return
	}
	call, ok := rhs.(*ast.CallExpr)
	if !ok {
		return
	}
	if fn, _ := typeutil.Callee(g.ev.Info, call).(*types.Func); fn != nil && knowledge.ErrorMakers[knowledge.FuncName(fn)] {
		st.bad[v] = true
		return
	}
	g.setGood(st, v, g.validated(call))
}

// setGood records that the flag f, when good, vouches for vs and for what
// is valid where it is set: ok = true inside if c == s { ... }.
func (g *fnGuard) setGood(st *guardState, f *types.Var, vs []*types.Var) {
	if slices.Contains(vs, never) {
		st.bad[f] = true
		return
	}
	m := map[*types.Var]bool{}
	for _, v := range vs {
		m[v] = true
	}
	for v := range st.valid {
		m[v] = true
	}
	if len(m) > 0 {
		st.good[f] = m
	}
}

// validated returns the variables a call of a validator passes as the
// parameters it checks: when the call's last result is true (or nil),
// they hold one of the validator's constants.
func (g *fnGuard) validated(call *ast.CallExpr) []*types.Var {
	fn, _ := typeutil.Callee(g.ev.Info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	var out []*types.Var
	for _, i := range g.ev.Validates(fn) {
		if i < len(call.Args) {
			if v := g.variable(call.Args[i]); v != nil {
				out = append(out, v)
			}
		}
	}
	return out
}

// cond returns the variables known valid when e is true, and when it is
// false.
func (g *fnGuard) cond(e ast.Expr, st *guardState) (t, f []*types.Var) {
	e = ast.Unparen(e)
	if v, ok := g.cases[e]; ok {
		if g.ev.closed(e) {
			return []*types.Var{v}, nil
		}
		return nil, nil
	}
	switch e := e.(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			t, f := g.cond(e.X, st)
			return f, t
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			xt, xf := g.cond(e.X, st)
			yt, yf := g.cond(e.Y, st)
			return union(xt, yt), intersect(xf, yf)
		case token.LOR:
			xt, xf := g.cond(e.X, st)
			yt, yf := g.cond(e.Y, st)
			return intersect(xt, yt), union(xf, yf)
		case token.EQL, token.NEQ:
			eq := g.equality(e, st)
			if e.Op == token.NEQ {
				return nil, eq
			}
			return eq, nil
		}
	case *ast.Ident:
		if v := g.variable(e); v != nil {
			return st.flag(v), nil
		}
	case *ast.IndexExpr:
		if k := g.variable(e.Index); k != nil && isBool(g.ev.Info.TypeOf(e)) && g.ev.constKeys(e.X) {
			return []*types.Var{k}, nil // allowed[s]
		}
	case *ast.CallExpr:
		return g.check(e), nil
	}
	return nil, nil
}

// equality returns the variables valid when e, an == or != comparison,
// is an equality: s == "name", c == s with c ranging over constants,
// err == nil of a flag, validate(s) == nil.
func (g *fnGuard) equality(e *ast.BinaryExpr, st *guardState) []*types.Var {
	x, y := ast.Unparen(e.X), ast.Unparen(e.Y)
	if isNil(g.ev.Info, x) {
		x, y = y, x
	}
	if isNil(g.ev.Info, y) {
		switch x := x.(type) {
		case *ast.Ident:
			if v := g.variable(x); v != nil {
				return st.flag(v)
			}
		case *ast.CallExpr:
			return g.validated(x)
		}
		return nil
	}
	var out []*types.Var
	for _, side := range [][2]ast.Expr{{x, y}, {y, x}} {
		if v := g.variable(side[0]); v != nil && isString(v.Type()) && g.ev.closed(side[1]) {
			out = append(out, v)
		}
	}
	return out
}

// check returns the variables a boolean call checks:
// slices.Contains(allowed, s), identRE.MatchString(s), isValidSort(s).
func (g *fnGuard) check(call *ast.CallExpr) []*types.Var {
	fn, _ := typeutil.Callee(g.ev.Info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	name := knowledge.FuncName(fn)
	switch {
	case knowledge.Memberships[name] && len(call.Args) == 2:
		if v := g.variable(call.Args[1]); v != nil && g.ev.closedElems(call.Args[0]) {
			return []*types.Var{v}
		}
		return nil
	case knowledge.RegexpMatchers[name] && len(call.Args) == 1:
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if v := g.variable(call.Args[0]); v != nil && ok {
			if p, ok := g.ev.regexpPattern(sel.X); ok && identifierPattern(p) {
				return []*types.Var{v}
			}
		}
		return nil
	}
	if res := fn.Signature().Results(); res.Len() == 1 && isBool(res.At(0).Type()) {
		return g.validated(call)
	}
	return nil
}

// closed reports whether e evaluates to constants or other safe text only.
func (ev *Evaluator) closed(e ast.Expr) bool {
	parts := ev.eval(e)
	return len(parts) > 0 && allSafe(parts)
}

// closedElems reports whether every element of the collection e is
// constant or safe text.
func (ev *Evaluator) closedElems(e ast.Expr) bool {
	parts := ev.elems(e)
	return len(parts) > 0 && allSafe(parts)
}

// constKeys reports whether e is a map variable whose only values are
// literals with constant keys: nothing adds a key the program did not
// write.
func (ev *Evaluator) constKeys(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := ev.Info.Uses[id].(*types.Var)
	if v == nil || !isMap(v.Type()) || ev.Index.Handed(v) {
		return false
	}
	ws := ev.Index.Writes(v)
	if len(ws) == 0 {
		return false
	}
	for _, w := range ws {
		if w.Kind != Assign || w.RHS == nil {
			return false
		}
		lit, ok := ast.Unparen(w.RHS).(*ast.CompositeLit)
		if !ok {
			return false
		}
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok || ev.Info.Types[kv.Key].Value == nil {
				return false
			}
		}
	}
	return true
}

// identifierPattern reports whether a regular expression matches only
// whole texts made of letters, digits and underscores: anchored at both
// ends of the text (^...$ without (?m), \A...\z) around word characters.
func identifierPattern(pattern string) bool {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return false
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) < 3 {
		return false
	}
	first, last := re.Sub[0], re.Sub[len(re.Sub)-1]
	if first.Op != syntax.OpBeginText || last.Op != syntax.OpEndText {
		return false
	}
	for _, sub := range re.Sub[1 : len(re.Sub)-1] {
		if !wordsOnly(sub) {
			return false
		}
	}
	return true
}

// Validates returns the indexes of the string parameters of fn that its
// success vouches for: when fn's last result is true, or a nil error, each
// of them holds one of a closed set of constants (validSort(s) bool,
// validateSort(s) error, checkSort(s) (string, error)). Functions of other
// packages are asked of the Validator hook.
func (ev *Evaluator) Validates(fn *types.Func) []int {
	if ps, ok := ev.validators[fn]; ok {
		return ps
	}
	fd := ev.Index.Decl(fn)
	if fd == nil || fd.Body == nil {
		if ev.Validator != nil && fn.Pkg() != nil {
			return ev.Validator(fn)
		}
		return nil
	}
	if ev.validators == nil {
		ev.validators = make(map[*types.Func][]int)
	}
	ev.validators[fn] = nil // a recursive call vouches for nothing
	ps := ev.validates(fn, fd)
	ev.validators[fn] = ps
	return ps
}

func (ev *Evaluator) validates(fn *types.Func, fd *ast.FuncDecl) []int {
	sig := fn.Signature()
	res := sig.Results()
	if res.Len() == 0 {
		return nil
	}
	last := res.At(res.Len() - 1).Type()
	if !isBool(last) && !isError(last) {
		return nil
	}
	params := map[*types.Var]int{}
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if isString(p.Type()) && len(ev.Index.Writes(p)) == 0 {
			params[p] = i
		}
	}
	if len(params) == 0 {
		return nil
	}
	g := ev.fnGuard(fd)
	if g == nil {
		return nil
	}
	var vouched map[*types.Var]bool // nil: no return that may succeed yet
	for _, n := range g.nodes {
		ret, ok := n.block.Nodes[n.i].(*ast.ReturnStmt)
		if !ok {
			continue
		}
		if len(ret.Results) != res.Len() {
			return nil // a naked return, or return check(s) of a tuple
		}
		st := g.stateAt(ret.Pos())
		if st == nil {
			continue
		}
		good, succeeds := g.success(ret.Results[len(ret.Results)-1], st)
		if !succeeds {
			continue
		}
		m := map[*types.Var]bool{}
		for v := range st.valid {
			m[v] = true
		}
		for _, v := range good {
			m[v] = true
		}
		if vouched == nil {
			vouched = m
			continue
		}
		for v := range vouched {
			if !m[v] {
				delete(vouched, v)
			}
		}
	}
	var out []int
	for v := range vouched {
		if i, ok := params[v]; ok {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out
}

// success returns, for the last result r of a return, the variables valid
// when it reports success (true, a nil error), and false when it never
// does (false, errors.New(...)).
func (g *fnGuard) success(r ast.Expr, st *guardState) ([]*types.Var, bool) {
	info := g.ev.Info
	r = ast.Unparen(r)
	if isBool(info.TypeOf(r)) {
		if tv := info.Types[r]; tv.Value != nil && !constant.BoolVal(tv.Value) {
			return nil, false
		}
		t, _ := g.cond(r, st)
		if slices.Contains(t, never) {
			return nil, false
		}
		return t, true
	}
	switch r := r.(type) {
	case *ast.Ident:
		if isNil(info, r) {
			return nil, true
		}
		if v := g.variable(r); v != nil {
			if st.bad[v] {
				return nil, false
			}
			return st.flag(v), true
		}
	case *ast.CallExpr:
		if fn, _ := typeutil.Callee(info, r).(*types.Func); fn != nil && knowledge.ErrorMakers[knowledge.FuncName(fn)] {
			return nil, false
		}
		return g.validated(r), true
	case *ast.CompositeLit:
		return nil, false
	case *ast.UnaryExpr:
		if _, lit := ast.Unparen(r.X).(*ast.CompositeLit); lit && r.Op == token.AND {
			return nil, false
		}
	}
	return nil, true
}

func isNil(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}

func isBool(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

func isError(t types.Type) bool {
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

func keys(m map[*types.Var]bool) []*types.Var {
	var out []*types.Var
	for v := range m {
		out = append(out, v)
	}
	return out
}

func union(a, b []*types.Var) []*types.Var {
	if slices.Contains(a, never) || slices.Contains(b, never) {
		return []*types.Var{never}
	}
	out := slices.Clone(a)
	for _, v := range b {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func intersect(a, b []*types.Var) []*types.Var {
	switch {
	case slices.Contains(a, never):
		return b
	case slices.Contains(b, never):
		return a
	}
	var out []*types.Var
	for _, v := range a {
		if slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}
