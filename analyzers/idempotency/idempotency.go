package idempotency

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/fixes"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/reqpath"
	"github.com/crisislint/crisislint/internal/returns"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer reports payments created without an idempotency key.
var Analyzer = &analysis.Analyzer{
	Name:      "idempotency",
	Doc:       Doc.String(),
	URL:       Doc.URL(),
	Requires:  []*analysis.Analyzer{effects.Analyzer, reqpath.Analyzer},
	Run:       report.Guard(run),
	FactTypes: []analysis.Fact{new(Fact)},
}

// Fact records, for a function of the program, that it is a payment call
// whose params its caller gives (Params), or that it sets the
// idempotency key of the params it is given (Keys).
type Fact struct {
	Params int // -1: none
	What   string
	Money  bool
	// MoneyIf names the field of the params that makes the payment move
	// money (a payment intent's Confirm); empty when it always does.
	MoneyIf string
	Keys    []int
	// Keyed is set for a constructor of params that returns them with
	// the key set (newIntentParams(order)).
	Keyed bool
}

// AFact marks Fact as an analysis fact.
func (*Fact) AFact() {}

func (f *Fact) String() string {
	var parts []string
	if f.Params >= 0 {
		parts = append(parts, fmt.Sprintf("creates a %s with params arg%d", f.What, f.Params))
	}
	for _, k := range f.Keys {
		parts = append(parts, fmt.Sprintf("sets the key of arg%d", k))
	}
	if f.Keyed {
		parts = append(parts, "returns params with a key")
	}
	return "payment: " + strings.Join(parts, ", ")
}

type checker struct {
	pass  *analysis.Pass
	index *strexpr.Index
	ev    *strexpr.Evaluator
	rp    *reqpath.Result
	rep   *report.Reporter
	decls map[*types.Func]*ast.FuncDecl
	sums  map[*types.Func]*Fact
	busy  map[*types.Func]bool
}

func run(pass *analysis.Pass) (any, error) {
	fx := pass.ResultOf[effects.Analyzer].(*effects.Result)
	c := &checker{
		pass:  pass,
		index: fx.Index(),
		rp:    pass.ResultOf[reqpath.Analyzer].(*reqpath.Result),
		rep:   report.New(pass),
		decls: make(map[*types.Func]*ast.FuncDecl),
		sums:  make(map[*types.Func]*Fact),
		busy:  make(map[*types.Func]bool),
	}
	c.ev = &strexpr.Evaluator{Info: pass.TypesInfo, Index: c.index}
	if knowledge.Described(pass.Pkg.Path()) || strings.HasPrefix(pass.Pkg.Path(), "github.com/stripe/stripe-go/") {
		return nil, nil // a library the tables describe
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					c.decls[fn] = fd
				}
			}
		}
	}
	for _, f := range pass.Files {
		if report.IsTestCode(pass, f.Pos()) {
			continue
		}
		c.walk(f, nil)
	}
	for fn := range c.decls {
		if s := c.summary(fn); s != nil && (s.Params >= 0 || len(s.Keys) > 0 || s.Keyed) {
			pass.ExportObjectFact(fn, s)
		}
	}
	c.rep.Flush()
	return nil, nil
}

// walk visits the calls under n; funcs are the functions that enclose
// them, the innermost last.
func (c *checker) walk(n ast.Node, funcs []ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				c.walk(n.Body, []ast.Node{n})
			}
			return false
		case *ast.FuncLit:
			c.walk(n.Body, append(slices.Clip(funcs), n))
			return false
		case *ast.CallExpr:
			if len(funcs) > 0 {
				c.check(n, funcs)
			}
		}
		return true
	})
}

// payment is what a call creates, and where its params are.
type payment struct {
	what    string
	money   bool
	moneyIf string // the field of the params that makes it move money
	params  ast.Expr
}

// paymentOf returns what a call creates at a payment provider: a
// stripe-go call, or a function of the program that makes one with the
// params it is given.
func (c *checker) paymentOf(call *ast.CallExpr) (payment, bool) {
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return payment{}, false
	}
	if pc, ok := knowledge.PaymentCallOf(fn); ok && pc.Params < len(call.Args) {
		return payment{what: pc.What, money: pc.Money, moneyIf: pc.MoneyIf, params: call.Args[pc.Params]}, true
	}
	if s := c.summary(fn); s != nil && s.Params >= 0 && s.Params < len(call.Args) {
		return payment{what: s.What, money: s.Money, moneyIf: s.MoneyIf, params: call.Args[s.Params]}, true
	}
	return payment{}, false
}

// check reports a payment call whose params carry no idempotency key, and
// a raw POST to a payment API without the header.
func (c *checker) check(call *ast.CallExpr, funcs []ast.Node) {
	outer, inner := funcs[0], funcs[len(funcs)-1]
	if p, ok := c.paymentOf(call); ok {
		if c.fromParam(outer, p.params) {
			return
		}
		if c.keyed(outer, p.params, call.Pos()) {
			c.checkFreshKey(call, p, inner)
			return
		}
		if !p.money && c.referenced(outer, p.params, call.Pos()) {
			return
		}
		if p.moneyIf != "" && !c.maySet(outer, p.params, call.Pos(), p.moneyIf) {
			p.money = false
		}
		c.reportPayment(call, p, inner)
		return
	}
	c.checkPOST(call, outer)
}

// referenced reports whether a checkout session's params tie it to an
// order of the program before pos (a ClientReferenceID in the literal or
// assigned to it): the completion webhook gets the reference back and
// credits that order, so a double click opens a second page for one
// order, and nothing is paid or credited twice unless the customer pays
// both pages.
func (c *checker) referenced(outer ast.Node, params ast.Expr, pos token.Pos) bool {
	if lit := compositeOf(params); lit != nil {
		return c.literalReferenced(lit)
	}
	v := c.baseVar(params)
	if v == nil {
		return false
	}
	for _, w := range c.index.Writes(v) {
		if lit := compositeOf(w.RHS); lit != nil && c.literalReferenced(lit) {
			return true
		}
	}
	found := false
	ast.Inspect(outer, func(n ast.Node) bool {
		if found || n == nil || n.Pos() >= pos {
			return false
		}
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, lhs := range as.Lhs {
				if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && c.mentions(sel.X, v) && c.isReferenceField(sel.X, sel.Sel) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func (c *checker) literalReferenced(lit *ast.CompositeLit) bool {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && c.isReferenceField(lit, id) {
				return true
			}
		}
	}
	return false
}

// isReferenceField reports whether field, selected from or keyed in owner,
// is an order reference of a checkout session's params.
func (c *checker) isReferenceField(owner ast.Expr, field *ast.Ident) bool {
	v, ok := c.pass.TypesInfo.ObjectOf(field).(*types.Var)
	if !ok || !v.IsField() {
		return false
	}
	t := c.pass.TypesInfo.TypeOf(owner)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, _ := types.Unalias(t).(*types.Named)
	return knowledge.IsOrderReferenceField(named, v)
}

// maySet reports whether the params may have the field set before pos:
// in their literal, by an assignment, or by any function they are handed
// to, which the check cannot see into. Params it cannot follow may.
func (c *checker) maySet(outer ast.Node, params ast.Expr, pos token.Pos, field string) bool {
	setIn := func(lit *ast.CompositeLit) bool {
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == field {
					return true
				}
			}
		}
		return false
	}
	if lit := compositeOf(params); lit != nil {
		return setIn(lit)
	}
	v := c.baseVar(params)
	if v == nil || v.Parent() == nil || v.Parent().Parent() == types.Universe {
		return true // a field or a package-level variable: set anywhere
	}
	e := ast.Unparen(params)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if _, ok := e.(*ast.Ident); !ok {
		return true
	}
	for _, w := range c.index.Writes(v) {
		if !w.Sets() || w.RHS == nil { // var params T: the zero value
			continue
		}
		if lit := compositeOf(w.RHS); lit == nil || setIn(lit) {
			return true // made elsewhere (a helper's params), or set here
		}
	}
	set := false
	ast.Inspect(outer, func(n ast.Node) bool {
		if set || n == nil || n.Pos() >= pos {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && sel.Sel.Name == field && c.mentions(sel.X, v) {
					set = true
				}
			}
		case *ast.CallExpr:
			// Handed to a function (other than a method of the params
			// themselves, such as SetIdempotencyKey): it may set it.
			for _, arg := range n.Args {
				if c.mentions(arg, v) {
					set = true
				}
			}
		}
		return !set
	})
	return set
}

// checkFreshKey reports a payment retried in a loop whose params get a
// new random key on every attempt (SetIdempotencyKey(uuid.NewString())
// inside the loop): every retry is a new payment.
func (c *checker) checkFreshKey(call *ast.CallExpr, p payment, inner ast.Node) {
	v := c.baseVar(p.params)
	if v == nil {
		return
	}
	loop := enclosingLoop(inner, call.Pos())
	if loop == nil || !c.retries(loop, call) {
		return
	}
	var fresh *ast.CallExpr
	ast.Inspect(loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			fn, _ := typeutil.Callee(c.pass.TypesInfo, n).(*types.Func)
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if fresh == nil && fn != nil && ok && knowledge.IsIdempotencyKeySetter(fn) && n.Pos() < call.Pos() && c.mentions(sel.X, v) && len(n.Args) == 1 && c.freshValue(n.Args[0]) {
				fresh = n
			}
		}
		return fresh == nil
	})
	if fresh == nil {
		return
	}
	msg := fmt.Sprintf("%s creates a %s with a new idempotency key on every attempt of the loop around it (%s): each retry is a new %s; make the key once, before the loop, from a key the client sends once per payment",
		callName(call), p.what, types.ExprString(fresh.Args[0]), p.what)
	c.rep.Add(report.Finding{Pos: call.Pos(), End: call.End(), Message: msg, Severity: report.Error})
}

// retries reports whether a loop retries a call: a for statement (not a
// range over items, each its own payment) that it leaves after the call
// (a return or a break, on success).
func (c *checker) retries(loop ast.Node, call *ast.CallExpr) bool {
	fs, ok := loop.(*ast.ForStmt)
	if !ok {
		return false
	}
	leaves := false
	ast.Inspect(fs.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			leaves = leaves || n.Pos() > call.Pos()
		case *ast.BranchStmt:
			leaves = leaves || n.Tok == token.BREAK && n.Label == nil && n.Pos() > call.Pos()
		}
		return !leaves
	})
	return leaves
}

// freshValue reports whether an expression makes a new random value:
// uuid.NewString(), a call of math/rand or crypto/rand.
func (c *checker) freshValue(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func); ok && fn.Pkg() != nil &&
				(knowledge.FreshKeys[knowledge.FuncName(fn)] || knowledge.Randomizers[fn.Pkg().Path()]) {
				found = true
			}
		}
		return !found
	})
	return found
}

// enclosingLoop returns the innermost for or range statement of fn (not
// of a function literal inside it) that holds pos, or nil.
func enclosingLoop(fn ast.Node, pos token.Pos) ast.Node {
	var loop ast.Node
	ast.Inspect(fn, func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		switch n.(type) {
		case *ast.FuncLit:
			if n != fn {
				return false
			}
		case *ast.ForStmt, *ast.RangeStmt:
			loop = n
		}
		return true
	})
	return loop
}

// fromParam reports whether params are a parameter of the declaration:
// its callers give them, and are checked (through the declaration's fact).
func (c *checker) fromParam(outer ast.Node, params ast.Expr) bool {
	fd, ok := outer.(*ast.FuncDecl)
	if !ok {
		return false
	}
	v := c.baseVar(params)
	if v == nil {
		return false
	}
	_, isParam := c.index.Param(v)
	return isParam && c.index.Owner(v) == fd
}

// baseVar returns the variable an expression of params is made from:
// params, &params, req.Params.
func (c *checker) baseVar(e ast.Expr) *types.Var {
	for range 4 {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := c.pass.TypesInfo.ObjectOf(x).(*types.Var)
			if v != nil && !v.IsField() {
				return v
			}
			return nil
		case *ast.UnaryExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		default:
			return nil
		}
	}
	return nil
}

// keyed reports whether params get an idempotency key in the function
// before pos: SetIdempotencyKey, the IdempotencyKey field in a literal or
// an assignment, or a function of the program that sets it.
func (c *checker) keyed(outer ast.Node, params ast.Expr, pos token.Pos) bool {
	if lit := compositeOf(params); lit != nil {
		return c.literalKeyed(lit)
	}
	if c.keyedResult(params) {
		return true
	}
	v := c.baseVar(params)
	return v != nil && c.keyedVar(outer, v, pos)
}

// keyedVar reports whether the params in v get an idempotency key in the
// function before pos.
func (c *checker) keyedVar(outer ast.Node, v *types.Var, pos token.Pos) bool {
	for _, w := range c.index.Writes(v) {
		if lit := compositeOf(w.RHS); lit != nil && c.literalKeyed(lit) {
			return true
		}
		if w.Sets() && w.Pos < pos && c.keyedResult(w.RHS) {
			return true
		}
	}
	keyed := false
	ast.Inspect(outer, func(n ast.Node) bool {
		if keyed || n == nil || n.Pos() >= pos {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			fn, _ := typeutil.Callee(c.pass.TypesInfo, n).(*types.Func)
			if fn == nil {
				return true
			}
			if knowledge.IsIdempotencyKeySetter(fn) {
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && c.mentions(sel.X, v) {
					keyed = true
				}
			} else if s := c.summary(fn); s != nil {
				for _, k := range s.Keys {
					if k < len(n.Args) && c.mentions(n.Args[k], v) {
						keyed = true
					}
				}
			}
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && c.isKeyField(sel.Sel) && c.mentions(sel.X, v) {
					keyed = true
				}
			}
		}
		return !keyed
	})
	return keyed
}

// keyedResult reports whether e calls a function of the program that
// returns params with the key set.
func (c *checker) keyedResult(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return false
	}
	s := c.summary(fn)
	return s != nil && s.Keyed
}

func compositeOf(e ast.Expr) *ast.CompositeLit {
	if e == nil {
		return nil
	}
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// literalKeyed reports whether a params literal sets the key: Params:
// stripe.Params{IdempotencyKey: stripe.String(key)}.
func (c *checker) literalKeyed(lit *ast.CompositeLit) bool {
	keyed := false
	ast.Inspect(lit, func(n ast.Node) bool {
		if kv, ok := n.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && c.isKeyField(id) {
				keyed = true
			}
		}
		return !keyed
	})
	return keyed
}

func (c *checker) isKeyField(id *ast.Ident) bool {
	v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	return ok && knowledge.IsIdempotencyKeyField(v)
}

func (c *checker) mentions(e ast.Expr, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

func (c *checker) reportPayment(call *ast.CallExpr, p payment, inner ast.Node) {
	name := callName(call)
	msg := fmt.Sprintf("%s creates a %s with no idempotency key: a double click or a client's retry after a timeout creates a second one; set one on the params (params.SetIdempotencyKey(key)) with a key the client sends once per payment and again on a retry, and store it with the response (in Redis or the database) so a retry returns the first result",
		name, p.what)
	sev := report.Error
	if !p.money && p.moneyIf != "" {
		// An intent created without Confirm is paid when the customer
		// confirms it, in the browser: a duplicate is an intent that
		// stays unpaid, as a second checkout page does.
		sev = report.Note
		msg = fmt.Sprintf("%s creates a %s with no idempotency key and without %s: nothing is charged until the customer confirms it, so a double click or a client's retry leaves a second intent unpaid; if the same params ever set %s, or the intent is confirmed server-side, set a key the client sends once per payment (params.SetIdempotencyKey(key))",
			name, p.what, p.moneyIf, p.moneyIf)
	} else if !p.money {
		// A checkout session moves no money: a duplicate is a second
		// payment page, which expires unpaid unless the customer pays
		// both; the dedup that matters is the completion webhook's.
		sev = report.Note
		msg = fmt.Sprintf("%s creates a %s with no idempotency key: a double click or a client's retry opens a second payment page for the same order, which costs nothing unless the customer pays both; if your completion webhook does not already credit an order once, set a key the client sends once per order (params.SetIdempotencyKey(key))",
			name, p.what)
	}
	f := report.Finding{Pos: call.Pos(), End: call.End(), Message: msg, Severity: sev}
	if fix, ok := c.keyFix(call, p.params, inner); ok {
		f.Fixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Add(f)
}

// keyFix sets the params' key from the request's Idempotency-Key header,
// when the call is made in a handler that has the request in scope and
// the params are a variable; a request without the header is paid as
// before.
func (c *checker) keyFix(call *ast.CallExpr, params ast.Expr, inner ast.Node) (analysis.SuggestedFix, bool) {
	h := c.rp.Of(inner)
	if h == nil || h.Kind != reqpath.HTTP || h.RequestExpr() == "" {
		return analysis.SuggestedFix{}, false
	}
	id, ok := ast.Unparen(params).(*ast.Ident)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	stmt := c.statementOf(inner, call)
	if stmt == nil {
		return analysis.SuggestedFix{}, false
	}
	key := "key"
	if id.Name == key || h.RequestExpr() == key {
		key = "idempotencyKey"
	}
	indent := fixes.Indent(c.pass, stmt.Pos())
	text := fmt.Sprintf("if %s := %s.Header.Get(\"Idempotency-Key\"); %s != \"\" {\n%s\t%s.SetIdempotencyKey(%s)\n%s}\n%s",
		key, h.RequestExpr(), key, indent, id.Name, key, indent, indent)
	return analysis.SuggestedFix{
		Message:   "Set the idempotency key from the request's Idempotency-Key header",
		TextEdits: []analysis.TextEdit{{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte(text)}},
	}, true
}

// statementOf returns the statement of a block, in fn, that holds call.
func (c *checker) statementOf(fn ast.Node, call *ast.CallExpr) ast.Stmt {
	var found ast.Stmt
	ast.Inspect(fn, func(n ast.Node) bool {
		if n == nil || found != nil || call.Pos() < n.Pos() || call.End() > n.End() {
			return false
		}
		var list []ast.Stmt
		switch b := n.(type) {
		case *ast.BlockStmt:
			list = b.List
		case *ast.CaseClause:
			list = b.Body
		case *ast.CommClause:
			list = b.Body
		case *ast.FuncLit:
			return n == fn
		}
		for _, s := range list {
			if s.Pos() <= call.Pos() && call.End() <= s.End() {
				if _, isLabeled := s.(*ast.LabeledStmt); !isLabeled && !containsBlockWith(s, call) {
					found = s
				}
			}
		}
		return found == nil
	})
	return found
}

// containsBlockWith reports whether s holds call inside a block of its
// own (an if's body, a loop's): the statement to insert before is in
// there.
func containsBlockWith(s ast.Stmt, call *ast.CallExpr) bool {
	inner := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			if n.Pos() <= call.Pos() && call.End() <= n.End() {
				inner = true
			}
		case *ast.FuncLit:
			return false
		}
		return !inner
	})
	return inner
}

// summary returns what a function of the program does with payments:
// for one of this package, from its code; for another's, from its fact.
func (c *checker) summary(fn *types.Func) *Fact {
	fn = fn.Origin()
	if s, ok := c.sums[fn]; ok {
		return s
	}
	var s *Fact
	if fd := c.decls[fn]; fd != nil {
		if c.busy[fn] {
			return nil
		}
		c.busy[fn] = true
		s = c.summarize(fd)
		delete(c.busy, fn)
	} else if fn.Pkg() != nil && fn.Pkg() != c.pass.Pkg && !knowledge.Described(fn.Pkg().Path()) {
		var f Fact
		if c.pass.ImportObjectFact(fn, &f) {
			s = &f
		}
	}
	c.sums[fn] = s
	return s
}

// summarize finds whether a declaration hands a params parameter to a
// payment call without a key, and which params parameters it sets the
// key of.
func (c *checker) summarize(fd *ast.FuncDecl) *Fact {
	s := &Fact{Params: -1}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if p, ok := c.paymentOf(call); ok && s.Params < 0 && c.fromParam(fd, p.params) && !c.keyed(fd, p.params, call.Pos()) {
			if i, ok := c.index.Param(c.baseVar(p.params)); ok {
				s.Params, s.What, s.Money, s.MoneyIf = i, p.what, p.money, p.moneyIf
			}
		}
		return true
	})
	for i := range fd.Type.Params.NumFields() {
		v := c.paramVar(fd, i)
		if v != nil && c.keyedVar(fd, v, fd.End()) {
			s.Keys = append(s.Keys, i)
		}
	}
	s.Keyed = c.returnsKeyed(fd)
	return s
}

// returnsKeyed reports whether a declaration returns params with the key
// set: every return hands back, first, a keyed literal or a variable
// keyed before it, or nil (a failure), and one does.
func (c *checker) returnsKeyed(fd *ast.FuncDecl) bool {
	res := fd.Type.Results
	if res == nil || len(res.List) == 0 {
		return false
	}
	keyed := false
	for ret := range returns.In(fd.Body) {
		if len(ret.Results) == 0 {
			return false
		}
		first := ret.Results[0]
		if id, ok := ast.Unparen(first).(*ast.Ident); ok && c.pass.TypesInfo.Types[id].IsNil() {
			continue // a failure
		}
		if !c.keyed(fd, first, ret.Pos()) {
			return false
		}
		keyed = true
	}
	return keyed
}

// paramVar returns the i-th parameter of a declaration.
func (c *checker) paramVar(fd *ast.FuncDecl, i int) *types.Var {
	fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil || i >= fn.Signature().Params().Len() {
		return nil
	}
	return fn.Signature().Params().At(i)
}

// checkPOST reports a raw POST to a payment API that sets no idempotency
// header.
func (c *checker) checkPOST(call *ast.CallExpr, outer ast.Node) {
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return
	}
	var method, url ast.Expr
	name := knowledge.FuncName(fn)
	if i, ok := knowledge.RequestPosts[name]; ok {
		c.checkChainPOST(call, outer, i)
		return
	}
	switch name {
	case "net/http.Post", "net/http.PostForm", "(*net/http.Client).Post", "(*net/http.Client).PostForm":
		if len(call.Args) > 0 {
			url = call.Args[0]
		}
	case "net/http.NewRequest":
		if len(call.Args) > 1 {
			method, url = call.Args[0], call.Args[1]
		}
	case "net/http.NewRequestWithContext":
		if len(call.Args) > 2 {
			method, url = call.Args[1], call.Args[2]
		}
	default:
		return
	}
	if method != nil && !c.isPOST(method) {
		return
	}
	host, ok := knowledge.PaymentHostOf(c.constPrefix(url))
	if !ok {
		return
	}
	if method != nil {
		req := c.requestVar(outer, call)
		if req == nil || c.headerSet(outer, req, host.Header) || c.handedOn(outer, req) {
			return
		}
	}
	c.reportPOST(call, host)
}

func (c *checker) reportPOST(call *ast.CallExpr, host knowledge.PaymentHost) {
	msg := fmt.Sprintf("%s sends a POST to %s's API with no %s header: a double click or a client's retry after a timeout makes the payment twice; set the header to a key the client sends once per payment and again on a retry, and store it with the response (in Redis or the database) so a retry returns the first result",
		callName(call), host.Service, host.Header)
	c.rep.Add(report.Finding{Pos: call.Pos(), End: call.End(), Message: msg, Severity: report.Error})
}

// checkChainPOST reports a POST to a payment API made by a request built
// in a chain (resty's rc.R().SetBody(b).Post(url)) that sets no
// idempotency header: in the chain, or on the request variable the chain
// starts from, which may also be handed to a function of the program.
func (c *checker) checkChainPOST(call *ast.CallExpr, outer ast.Node, urlArg int) {
	if urlArg >= len(call.Args) {
		return
	}
	host, ok := knowledge.PaymentHostOf(c.constPrefix(call.Args[urlArg]))
	if !ok {
		return
	}
	cur := call
	for range 32 {
		sel, ok := ast.Unparen(cur.Fun).(*ast.SelectorExpr)
		if !ok {
			break
		}
		if c.setsHeader(cur, host.Header) {
			return
		}
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			if req, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && (c.headerSetOn(outer, req, host.Header) || c.handedOn(outer, req)) {
				return
			}
			break
		}
		inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			break
		}
		cur = inner
	}
	c.reportPOST(call, host)
}

// setsHeader reports whether a call of a request chain sets the header
// name, or a map of headers built elsewhere.
func (c *checker) setsHeader(call *ast.CallExpr, name string) bool {
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	i, ok := knowledge.RequestHeaderSetters[knowledge.FuncName(fn)]
	if !ok {
		return false
	}
	if i < 0 {
		return true
	}
	if i >= len(call.Args) {
		return false
	}
	tv := c.pass.TypesInfo.Types[call.Args[i]]
	return tv.Value == nil || tv.Value.Kind() == constant.String && strings.EqualFold(constant.StringVal(tv.Value), name)
}

// headerSetOn reports whether the function sets the header on the
// request variable req, in a chain of calls that starts from it.
func (c *checker) headerSetOn(outer ast.Node, req *types.Var, name string) bool {
	set := false
	ast.Inspect(outer, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !set {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && c.mentions(sel.X, req) && c.setsHeader(call, name) {
				set = true
			}
		}
		return !set
	})
	return set
}

func (c *checker) isPOST(e ast.Expr) bool {
	tv := c.pass.TypesInfo.Types[e]
	return tv.Value != nil && tv.Value.Kind() == constant.String && strings.EqualFold(constant.StringVal(tv.Value), "POST")
}

// constPrefix returns the constant text a URL starts with.
func (c *checker) constPrefix(e ast.Expr) string {
	var b strings.Builder
	for _, p := range c.ev.Eval(e) {
		if p.Kind != strexpr.Const {
			break
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// requestVar returns the variable a NewRequest call's request is
// assigned to.
func (c *checker) requestVar(outer ast.Node, call *ast.CallExpr) *types.Var {
	var v *types.Var
	ast.Inspect(outer, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || v != nil {
			return v == nil
		}
		if len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == call && len(as.Lhs) > 0 {
			if id, ok := as.Lhs[0].(*ast.Ident); ok {
				v, _ = c.pass.TypesInfo.ObjectOf(id).(*types.Var)
			}
		}
		return v == nil
	})
	return v
}

// headerSet reports whether the function sets a header on the request:
// req.Header.Set(name, ...), Add, or req.Header[name] = ...
func (c *checker) headerSet(outer ast.Node, req *types.Var, name string) bool {
	set := false
	is := func(e ast.Expr) bool {
		tv := c.pass.TypesInfo.Types[e]
		return tv.Value != nil && tv.Value.Kind() == constant.String && strings.EqualFold(constant.StringVal(tv.Value), name)
	}
	ast.Inspect(outer, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && (sel.Sel.Name == "Set" || sel.Sel.Name == "Add") &&
				len(n.Args) == 2 && c.mentions(sel.X, req) && is(n.Args[0]) {
				set = true
			}
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				switch l := ast.Unparen(lhs).(type) {
				case *ast.IndexExpr:
					if c.mentions(l.X, req) && is(l.Index) {
						set = true
					}
				case *ast.SelectorExpr:
					if l.Sel.Name == "Header" && c.mentions(l.X, req) {
						set = true // a header map built elsewhere
					}
				}
			}
		}
		return !set
	})
	return set
}

// handedOn reports whether the request is handed to a function of the
// program, which may set the header: only the client's send is not.
func (c *checker) handedOn(outer ast.Node, req *types.Var) bool {
	handed := false
	ast.Inspect(outer, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || handed {
			return !handed
		}
		fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
		if fn == nil || fn.Pkg() == nil || knowledge.Described(fn.Pkg().Path()) {
			return true
		}
		for _, a := range call.Args {
			if c.mentions(a, req) {
				handed = true
			}
		}
		return !handed
	})
	return handed
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
