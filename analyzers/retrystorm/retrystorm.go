package retrystorm

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/crisislint/crisislint/internal/dbengine"
	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer reports loops that retry a failing outbound call with no
// backoff or no bound.
var Analyzer = &analysis.Analyzer{
	Name:      "retrystorm",
	Doc:       Doc.String(),
	URL:       Doc.URL(),
	Requires:  []*analysis.Analyzer{effects.Analyzer, dbengine.Analyzer},
	Run:       report.Guard(run),
	FactTypes: []analysis.Fact{new(retriesFact)},
}

// outbound are the effects of a call to another service, the most
// telling first.
var outbound = []effects.Kind{effects.Network, effects.DB, effects.Redis, effects.Messaging}

func run(pass *analysis.Pass) (any, error) {
	fx := pass.ResultOf[effects.Analyzer].(*effects.Result)
	if fx.Panic != "" {
		report.Internal(pass, "effects panicked on package "+pass.Pkg.Path()+": "+fx.Panic)
	}
	any := false
	for _, k := range outbound {
		any = any || fx.Has(k)
	}
	if !any && !retriesFuncs(pass) {
		return nil, nil // nothing here calls another service, or retries a function
	}
	c := &checker{pass: pass, info: pass.TypesInfo, fx: fx, rep: report.New(pass), in: inspector.New(pass.Files),
		embedded: pass.ResultOf[dbengine.Analyzer].(*dbengine.Result).EmbeddedOnly()}
	for cur := range c.in.Root().Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		if !report.IsTestCode(pass, cur.Node().Pos()) {
			c.loop(cur)
		}
	}
	if any {
		c.helperCalls()
	}
	c.rep.Flush()
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	info *types.Info
	fx   *effects.Result
	rep  *report.Reporter
	in   *inspector.Inspector
	// embedded is set when every database the package's queries reach
	// runs in the process (SQLite): a busy database is a lock held by
	// another transaction, and there is no server to be down.
	embedded bool
}

// service returns the first effect of a set that calls another service:
// not a query of an embedded database.
func (c *checker) service(set effects.Set) *effects.Effect {
	for _, k := range outbound {
		if k == effects.DB && c.embedded {
			continue
		}
		if e := set[k]; e != nil {
			return e
		}
	}
	return nil
}

// retryLoop is a loop under study.
type retryLoop struct {
	node  ast.Stmt
	label *types.Label
	body  *ast.BlockStmt
	cond  ast.Expr // a for loop's condition, or nil
	ticks bool     // it ranges over a ticker's channel: each turn waits
}

func (c *checker) loop(cur inspector.Cursor) {
	l := &retryLoop{node: cur.Node().(ast.Stmt)}
	bounded := false
	switch n := cur.Node().(type) {
	case *ast.ForStmt:
		l.body, l.cond = n.Body, n.Cond
		bounded = n.Cond != nil && limits(n.Cond)
	case *ast.RangeStmt:
		t := c.info.TypeOf(n.X)
		if t == nil {
			return
		}
		if ch, ok := t.Underlying().(*types.Chan); ok && knowledge.TypeName(ch.Elem()) == knowledge.TimeType {
			// for range ticker.C: for { ...; time.Sleep(d) } by another
			// name, paced and unbounded.
			l.body, l.ticks = n.Body, true
			break
		}
		b, ok := t.Underlying().(*types.Basic)
		if !ok || b.Info()&types.IsInteger == 0 {
			return // a list (each replica in turn), a channel (a consumer), an iterator
		}
		l.body, bounded = n.Body, true
	}
	if ls, ok := cur.Parent().Node().(*ast.LabeledStmt); ok {
		l.label, _ = c.info.Defs[ls.Label].(*types.Label)
	}
	if c.guarded(l.body) {
		return
	}
	for i, st := range l.body.List {
		call, errVar, rest := c.attempt(l.body.List, i, st)
		if call == nil {
			continue
		}
		e := c.outboundEffect(call)
		var helper *types.Func
		param := -1
		if e == nil {
			helper, param = c.calledParam(cur, call)
		}
		if e == nil && helper == nil || c.progresses(l, call) || c.walks(l) {
			continue
		}
		if fn, _ := typeutil.Callee(c.info, call).(*types.Func); fn != nil && knowledge.Retriers[knowledge.FuncName(fn)] {
			return // the library retries with backoff and a bound
		}
		results := c.results(st, errVar)
		s := &sim{c: c, loop: l, err: errVar, results: results}
		succ := s.end(s.run(rest, success, leave))
		fail := s.end(s.run(rest, failure, leave))
		if succ&leave == 0 {
			// A consumer or a poll: it goes on after a success too. It
			// retries when a failure goes straight back to the call.
			if e != nil && c.spins(l, l.body.List[:i], rest, errVar) {
				bounded = bounded || c.boundedInBody(l, s)
				c.reportSpin(call, e, bounded)
				return
			}
			continue
		}
		overloaded := c.retriesOverload(l, rest, errVar, results)
		if fail&next == 0 && !overloaded {
			continue // not a retry: it gives up on failure
		}
		if !overloaded && fail&leave != 0 && s.specificOnly() {
			return // retries a conflict, gives up on anything else
		}
		paced, grows := c.pacing(l)
		paced = paced || l.ticks
		bounded = bounded || c.boundedInBody(l, s)
		if grows || paced && bounded {
			return
		}
		if helper != nil {
			// What it retries is its callers' to say: see helperCalls.
			c.pass.ExportObjectFact(helper, &retriesFact{Param: param, Paced: paced, Bounded: bounded})
			return
		}
		if bounded && c.single(cur, 0) {
			return // one caller at a time retries, a few times: no storm
		}
		name := c.retriedName(call)
		c.reportRetry(call, name+" is retried", c.how(name, e), e, paced, bounded)
		return
	}
}

// how says, for a message, through which chain of calls a retried call
// reaches the service: "" when it is the call to the service itself.
func (c *checker) how(name string, e *effects.Effect) string {
	if e.Direct() {
		return ""
	}
	return " (loop → " + e.Path(name) + ")"
}

// results returns the variables an attempt assigns besides its error:
// the response.
func (c *checker) results(st ast.Stmt, errVar *types.Var) map[*types.Var]bool {
	if ifs, ok := st.(*ast.IfStmt); ok {
		st = ifs.Init
	}
	var ids []*ast.Ident
	switch st := st.(type) {
	case *ast.AssignStmt:
		for _, l := range st.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				ids = append(ids, id)
			}
		}
	case *ast.DeclStmt:
		ids = st.Decl.(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Names
	}
	out := make(map[*types.Var]bool)
	for _, id := range ids {
		if v, ok := c.info.ObjectOf(id).(*types.Var); ok && v != errVar {
			out[v] = true
		}
	}
	return out
}

// retriesOverload reports whether the loop goes round again when the
// attempt succeeds but the service answers that it is overloaded or down
// (429, 503, any 5xx): a retry of a service that is down, even if an
// error of the call itself ends the loop.
func (c *checker) retriesOverload(l *retryLoop, rest []ast.Stmt, errVar *types.Var, results map[*types.Var]bool) bool {
	if len(results) == 0 {
		return false
	}
	// Only a loop that reads the response's status can go round because
	// of it: one that pages, drains a queue or walks versions goes round
	// after any success, whatever the service answered.
	probe := &sim{c: c, results: results}
	reads := false
	for _, st := range rest {
		ast.Inspect(st, func(n ast.Node) bool {
			if e, ok := n.(ast.Expr); ok && probe.status(e) {
				reads = true
			}
			return !reads
		})
	}
	if !reads {
		return false
	}
	for _, code := range knowledge.OverloadStatuses {
		s := &sim{c: c, loop: l, err: errVar, results: results, code: code}
		if s.end(s.run(rest, success, leave))&next != 0 {
			return true
		}
	}
	return false
}

// spins reports whether a loop that goes on after a success (a consumer
// of a queue, a poll) goes straight back to the call when it fails
// because the service is down: no wait on the way from the failure,
// through the statements before the call (before), back to it.
func (c *checker) spins(l *retryLoop, before, rest []ast.Stmt, errVar *types.Var) bool {
	if l.ticks || l.cond != nil && c.advances(l.cond) {
		return false
	}
	s := &sim{c: c, loop: l, err: errVar, down: true}
	if s.end(s.run(rest, failure, leave))&spin == 0 {
		return false
	}
	pre, _ := s.run(before, unknown, leave)
	return pre&bare != 0
}

// advances reports whether a loop's condition calls a function (but for
// a context's Err): for rows.Next(), for it.Next(ctx) take the next item
// each turn, and a failure of the call is not tried again on it.
func (c *checker) advances(cond ast.Expr) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !c.info.Types[call.Fun].IsType() {
			fn, _ := typeutil.Callee(c.info, call).(*types.Func)
			found = fn == nil || knowledge.FuncName(fn) != knowledge.ContextErr
		}
		return !found
	})
	return found
}

// reportSpin reports a consumer or a poll that goes straight back to a
// failing call.
func (c *checker) reportSpin(call *ast.CallExpr, e *effects.Effect, bounded bool) {
	sev := report.Error
	if bounded {
		sev = report.Warning
	}
	name := c.retriedName(call)
	c.rep.Add(report.Finding{
		Pos: call.Pos(), End: call.End(), Severity: sev,
		Message: fmt.Sprintf("%s is called again at once when it fails%s: while %s is down, the loop spins, hitting it as fast as it fails (a retry storm); wait before going back to it after an error, backing off exponentially with jitter up to a cap",
			name, c.how(name, e), target(e)),
	})
}

// retriedName names a retried call for a message: the call in its chain
// that reaches the service (rdb.SetNX of rdb.SetNX(ctx, k, v, ttl).Result()).
func (c *checker) retriedName(call *ast.CallExpr) string {
	for cur := call; ; {
		if c.service(c.fx.Call(cur)) != nil {
			return callName(cur)
		}
		sel, ok := ast.Unparen(cur.Fun).(*ast.SelectorExpr)
		if !ok {
			break
		}
		inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			break
		}
		cur = inner
	}
	return callName(call)
}

// attempt recognizes, at statement i of a loop's body, a call whose error
// the loop tests: err = call(), x, err := call(), if err := call(); ...
// It returns the call, the error variable, and the statements that run
// after it in the iteration.
func (c *checker) attempt(list []ast.Stmt, i int, st ast.Stmt) (*ast.CallExpr, *types.Var, []ast.Stmt) {
	rest := list[i+1:]
	if ifs, ok := st.(*ast.IfStmt); ok && ifs.Init != nil {
		// if err := call(); err != nil {...}: the if itself runs after the call.
		call, v := c.errorCall(ifs.Init)
		if call == nil {
			return nil, nil, nil
		}
		bare := *ifs
		bare.Init = nil
		return call, v, append([]ast.Stmt{&bare}, rest...)
	}
	call, v := c.errorCall(st)
	return call, v, rest
}

// errorCall returns the call of an assignment whose error result goes to
// a variable, and that variable.
func (c *checker) errorCall(st ast.Stmt) (*ast.CallExpr, *types.Var) {
	var lhs []ast.Expr
	var rhs ast.Expr
	switch st := st.(type) {
	case *ast.AssignStmt:
		if len(st.Rhs) != 1 {
			return nil, nil
		}
		lhs, rhs = st.Lhs, st.Rhs[0]
	case *ast.DeclStmt:
		gd, ok := st.Decl.(*ast.GenDecl)
		if !ok || len(gd.Specs) != 1 {
			return nil, nil
		}
		vs, ok := gd.Specs[0].(*ast.ValueSpec)
		if !ok || len(vs.Values) != 1 {
			return nil, nil
		}
		for _, n := range vs.Names {
			lhs = append(lhs, n)
		}
		rhs = vs.Values[0]
	default:
		return nil, nil
	}
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	for _, l := range lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			continue
		}
		v, _ := c.info.ObjectOf(id).(*types.Var)
		if v != nil && types.Identical(v.Type(), types.Universe.Lookup("error").Type()) {
			return call, v
		}
	}
	return nil, nil
}

// outboundEffect returns how a call reaches another service: itself, a
// call it is made on or with (db.QueryRow(q).Scan(&v), rdb.Set(...).Err()),
// or a function literal it runs (a transaction's body).
func (c *checker) outboundEffect(call *ast.CallExpr) *effects.Effect {
	var found *effects.Effect
	first := func(set effects.Set) {
		if found == nil {
			found = c.service(set)
		}
	}
	ast.Inspect(call, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			first(c.fx.Call(n))
			if !c.fx.Stores(n) {
				for _, a := range n.Args {
					if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
						first(c.fx.Lit(lit))
					}
				}
			}
		}
		return found == nil
	})
	return found
}

// guarded reports whether the loop's body calls a circuit breaker: the
// breaker fails fast while the service is down, so the retries do not
// reach it.
func (c *checker) guarded(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if fn, _ := typeutil.Callee(c.info, call).(*types.Func); fn != nil && knowledge.Breakers[knowledge.FuncName(fn)] {
				found = true
			}
		}
		return !found
	})
	return found
}

// pacing reports whether the loop waits between attempts, and whether the
// wait grows (or is computed: a backoff policy, jitter, a helper that
// sleeps).
func (c *checker) pacing(l *retryLoop) (paced, grows bool) {
	return c.waitsIn(l.node, c.writtenIn(l))
}

// waitsIn reports whether code waits (see pacing), and whether the wait
// grows: a delay computed from the variables written, a backoff policy.
func (c *checker) waitsIn(node ast.Node, written map[types.Object]bool) (paced, grows bool) {
	ast.Inspect(node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // stored or started: not a wait of this loop
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && knowledge.TypeName(c.info.TypeOf(n)) == knowledge.TimeType {
				paced = true // <-ticker.C, <-timer.C
			}
		case *ast.CallExpr:
			fn, _ := typeutil.Callee(c.info, n).(*types.Func)
			if fn == nil {
				return true
			}
			if knowledge.Pacers[knowledge.FuncName(fn)] {
				paced = true
				if len(n.Args) == 0 || c.computed(n.Args[0], written) {
					grows = true // a backoff policy, a limiter; or a computed delay
				}
				return true
			}
			if fn.Pkg() != nil && !knowledge.Described(fn.Pkg().Path()) && c.fx.Call(n)[effects.Sleep] != nil || c.waits(fn, 0) {
				paced, grows = true, true // a helper of the program's that sleeps: its delay is its own
			}
		}
		return true
	})
	return paced, grows
}

// blocks reports whether a statement waits before the next one runs: a
// pause (see pacing), a receive from a channel (the next job, the next
// tick), or a select without a default.
func (c *checker) blocks(stmt ast.Stmt) bool {
	if paced, _ := c.waitsIn(stmt, nil); paced {
		return true
	}
	found := false
	ast.Inspect(stmt, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW
		case *ast.SelectStmt:
			waits := true
			for _, cc := range n.Body.List {
				waits = waits && cc.(*ast.CommClause).Comm != nil
			}
			found = found || waits
		}
		return !found
	})
	return found
}

// maxHelperDepth bounds how deep waits looks into the package's helpers.
const maxHelperDepth = 2

// waits reports whether a function of the package waits on a timer, as
// a helper that selects on time.After(d), the closing of the worker and
// its context does: a pause the effects of the call do not show (a
// select is no sleep: it can end early).
func (c *checker) waits(fn *types.Func, depth int) bool {
	if depth > maxHelperDepth || fn.Pkg() != c.pass.Pkg {
		return false
	}
	fd := c.fx.Decl(fn)
	if fd == nil {
		return false
	}
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW && knowledge.TypeName(c.info.TypeOf(n)) == knowledge.TimeType
		case *ast.CallExpr:
			if callee, ok := typeutil.Callee(c.info, n).(*types.Func); ok {
				found = found || knowledge.Pacers[knowledge.FuncName(callee)] || callee != fn && c.waits(callee, depth+1)
			}
		}
		return !found
	})
	return found
}

// walks reports whether each iteration of the loop takes the next item
// of something, so that a failing call is not tried again on the same
// input: it reads the next record of a stream (a bufio.Reader, a
// Scanner, a decoder), or consumes a queue from its head (q = q[1:]), as
// ranging over a list does.
func (c *checker) walks(l *retryLoop) bool {
	found := false
	ast.Inspect(l.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if i >= len(n.Rhs) {
					break
				}
				sl, ok := ast.Unparen(n.Rhs[i]).(*ast.SliceExpr)
				if ok && sl.Low != nil && sl.High == nil && types.ExprString(sl.X) == types.ExprString(lhs) {
					found = true // q = q[1:]
				}
			}
		case *ast.CallExpr:
			found = found || c.readsNext(n)
		}
		return !found
	})
	return found
}

// readsNext reports whether a call reads the next part of a stream: a
// Read… method of a reader, or a function of the table.
func (c *checker) readsNext(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(c.info, call).(*types.Func)
	if !ok {
		return false
	}
	if knowledge.StreamReads[knowledge.FuncName(fn)] {
		return true
	}
	recv := fn.Signature().Recv()
	return recv != nil && strings.HasPrefix(fn.Name(), "Read") && knowledge.IsReader(recv.Type())
}

// progresses reports whether the call's inputs change from one iteration
// to the next: the next page, the next chunk, a new random candidate. A
// loop that moves on is not retrying the same call.
func (c *checker) progresses(l *retryLoop, call *ast.CallExpr) bool {
	carried := make(map[types.Object]bool)
	for obj := range c.writtenIn(l) {
		if v, ok := obj.(*types.Var); ok && (v.IsField() || v.Pos() < l.body.Pos() || v.Pos() > l.body.End()) {
			carried[obj] = true
		}
	}
	if len(carried) == 0 {
		return false
	}
	// Values made in the body from others: blobOffset := f.offset - pos.
	defs := make(map[types.Object][]ast.Expr)
	ast.Inspect(l.body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
			for i, lhs := range as.Lhs {
				if id, ok := lhs.(*ast.Ident); ok {
					obj := c.info.ObjectOf(id)
					defs[obj] = append(defs[obj], as.Rhs[i])
				}
			}
		}
		return true
	})
	seen := make(map[ast.Node]bool)
	var uses func(n ast.Node, depth int) bool
	uses = func(n ast.Node, depth int) bool {
		if seen[n] || depth > 3 {
			return false
		}
		seen[n] = true
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			id, ok := m.(*ast.Ident)
			if !ok || found {
				return !found
			}
			obj := c.info.Uses[id]
			if carried[obj] {
				found = true
			}
			for _, d := range defs[obj] {
				found = found || uses(d, depth+1)
			}
			return !found
		})
		return found
	}
	return uses(call, 0)
}

// writtenIn returns the variables a loop changes: the delay doubled, the
// attempt counted.
func (c *checker) writtenIn(l *retryLoop) map[types.Object]bool {
	out := make(map[types.Object]bool)
	mark := func(e ast.Expr) {
		// buf[i] = x, f.offset += n: buf and offset change.
		for {
			ix, ok := ast.Unparen(e).(*ast.IndexExpr)
			if !ok {
				break
			}
			e = ix.X
		}
		if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
			e = sel.Sel
		}
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if obj := c.info.ObjectOf(id); obj != nil {
				out[obj] = true
			}
		}
	}
	ast.Inspect(l.node, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				mark(lhs)
			}
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.RangeStmt:
			if n.Key != nil {
				mark(n.Key)
			}
		}
		return true
	})
	return out
}

// computed reports whether a delay changes from one attempt to the next:
// it reads a variable the loop changes, or calls a function (a backoff
// policy, jitter).
func (c *checker) computed(d ast.Expr, written map[types.Object]bool) bool {
	if tv, ok := c.info.Types[d]; ok && tv.Value != nil {
		return false
	}
	found := false
	ast.Inspect(d, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if written[c.info.ObjectOf(n)] {
				found = true
			}
		case *ast.CallExpr:
			if !c.info.Types[n.Fun].IsType() {
				found = true
			}
		}
		return !found
	})
	return found
}

// continues reports whether a block ends by going on with the loop.
func continues(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	br, ok := b.List[len(b.List)-1].(*ast.BranchStmt)
	return ok && br.Tok == token.CONTINUE
}

// limits reports whether a condition bounds a loop: it compares (a count,
// a time), or asks a context or a clock.
func limits(cond ast.Expr) bool {
	return limitsBut(cond, func(ast.Expr) bool { return false })
}

// limitsBut is limits, but for the comparisons that skip says are none.
func limitsBut(cond ast.Expr, skip func(ast.Expr) bool) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			switch n.Op {
			case token.LSS, token.LEQ, token.GTR, token.GEQ:
				found = !skip(n)
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				switch sel.Sel.Name {
				case "Err", "Before", "After", "Since", "Until":
					found = true // ctx.Err(), time.Now().Before(deadline)
				}
			}
		}
		return !found
	})
	return found
}

// boundedInBody reports whether the body leaves the loop on a limit: if
// attempts >= max { return }, or when a context is done. A test of the
// attempt's status (if resp.StatusCode >= 500 { continue }), which s
// knows, is none.
func (c *checker) boundedInBody(l *retryLoop, s *sim) bool {
	limits := func(cond ast.Expr) bool { return limitsBut(cond, s.mentionsStatus) }
	found := false
	ast.Inspect(l.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if (limits(n.Cond) || c.countsDown(n.Cond, l)) && leaves(n.Body) {
				found = true
			}
		case *ast.BlockStmt:
			// if retries < maxRetries { continue }; return err: under the
			// limit it tries again, past it it leaves.
			for i, st := range n.List {
				ifs, ok := st.(*ast.IfStmt)
				if ok && ifs.Else == nil && limits(ifs.Cond) && continues(ifs.Body) && leaves(&ast.BlockStmt{List: n.List[i+1:]}) {
					found = true
				}
			}
		case *ast.CommClause:
			// select { case <-ctx.Done(): return }
			if n.Comm != nil && leaves(&ast.BlockStmt{List: n.Body}) {
				found = true
			}
		}
		return !found
	})
	return found
}

// countsDown reports whether a condition compares with a constant a
// counter the loop steps (retries--; if retries == 0 { return }).
func (c *checker) countsDown(cond ast.Expr, l *retryLoop) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.EQL && b.Op != token.NEQ {
		return false
	}
	stepped := make(map[types.Object]bool)
	ast.Inspect(l.body, func(n ast.Node) bool {
		if st, ok := n.(*ast.IncDecStmt); ok {
			if id, ok := ast.Unparen(st.X).(*ast.Ident); ok {
				stepped[c.info.ObjectOf(id)] = true
			}
		}
		return true
	})
	counter := func(x, y ast.Expr) bool {
		id, ok := ast.Unparen(x).(*ast.Ident)
		tv, isConst := c.info.Types[y]
		return ok && stepped[c.info.ObjectOf(id)] && isConst && tv.Value != nil
	}
	return counter(b.X, b.Y) || counter(b.Y, b.X)
}

// leaves reports whether a block ends by leaving: return, break, panic.
func leaves(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch st := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return st.Tok == token.BREAK || st.Tok == token.GOTO
	case *ast.ExprStmt:
		return isExit(st.X)
	}
	return false
}

// isExit reports whether an expression is a call that does not return.
func isExit(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	switch types.ExprString(call.Fun) {
	case "panic", "os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf":
		return true
	}
	return false
}

// reportRetry reports a retried call: subject says what is retried
// ("db.Exec is retried", "the func literal handed to retry.Do is
// retried"), how the chain of calls that reaches the service.
func (c *checker) reportRetry(call *ast.CallExpr, subject, how string, e *effects.Effect, paced, bounded bool) {
	target := target(e)
	var msg string
	sev := report.Warning
	switch {
	case !paced && !bounded:
		sev = report.Error
		msg = fmt.Sprintf("%s in a loop with no pause and no bound%s: while %s is down, every caller hits it again as fast as it fails, and never stops (a retry storm)", subject, how, target)
	case !paced:
		msg = fmt.Sprintf("%s in a loop with no pause between attempts%s: while %s is down, every caller multiplies its load at once (a retry storm)", subject, how, target)
	default:
		msg = fmt.Sprintf("%s forever at a fixed interval%s: while %s is down, every caller keeps hitting it in step and never gives up", subject, how, target)
	}
	c.rep.Add(report.Finding{
		Pos: call.Pos(), End: call.End(), Severity: sev,
		Message: msg + "; back off exponentially with jitter, bound the attempts, and put a circuit breaker (sony/gobreaker) around the call",
	})
}

// target names the service an effect reaches, for a message.
func target(e *effects.Effect) string {
	switch e.Kind {
	case effects.DB:
		return "the database"
	case effects.Redis:
		return "redis"
	}
	return "the service"
}

func callName(call *ast.CallExpr) string {
	s := types.ExprString(call.Fun)
	if len(s) > 50 {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return sel.Sel.Name
		}
	}
	return s
}
