package retrystorm

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/returns"
	"golang.org/x/tools/go/types/typeutil"
)

// words reports whether a text names one of the words, in any case.
func words(text string, list []string) bool {
	text = strings.ToLower(text)
	for _, w := range list {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// state is what is known of the attempt's error while the rest of an
// iteration runs.
type state uint8

const (
	success state = iota // err == nil
	failure              // err != nil
	unknown              // err was assigned again
)

// outcome is a set of ways the rest of an iteration can end.
type outcome uint8

const (
	leave outcome = 1 << iota // return, break, panic: the loop is done
	next                      // continue: another attempt
	fall                      // the statements ran to their end
	// spin is set with next when some way to the next attempt waits for
	// nothing (no sleep, timer, select or receive), bare with fall when
	// some way to the end of the statements does.
	spin
	bare
)

// paceBits are the bits that say whether a way waits, not where it goes.
const paceBits = spin | bare

// waited is an outcome of statements that ran after a wait.
func (o outcome) waited() outcome { return o &^ paceBits }

// tri is a condition's value: true, false or not known.
type tri uint8

const (
	no tri = iota
	yes
	maybe
)

// sim follows the rest of an iteration after the attempt, once as if it
// succeeded and once as if it failed, the way a reader does: it tells
// which branches the error decides and where each way leads.
type sim struct {
	c    *checker
	loop *retryLoop
	err  *types.Var
	// tests are the conditions that split the failure path on the error's
	// kind: some errors are retried, others end the loop.
	tests []ast.Expr
	// down is set when the failure follows a service that is down: a test
	// of the error against a sentinel that names no failure of the
	// service (redis.Nil, sql.ErrNoRows, context.Canceled) is false.
	down bool
	// results are the attempt's other results (the response), and code
	// the status the simulated response answered with (0: not known).
	results map[*types.Var]bool
	code    int64
}

// end turns an iteration's outcome into the loop's: running to the end
// of the body is another attempt, unless the loop's condition says the
// error ends it (for err != nil { ... }).
func (s *sim) end(o outcome, st state) outcome {
	if o&fall == 0 {
		return o
	}
	b := o & bare
	o &^= fall | bare
	if s.loop.cond != nil && s.truth(s.loop.cond, st) == no {
		return o | leave
	}
	if b != 0 {
		o |= spin
	}
	return o | next
}

// run follows a list of statements; brk is what a plain break does there
// (leave the loop, or end a switch). It returns the outcomes and the state
// at the end.
func (s *sim) run(list []ast.Stmt, st state, brk outcome) (outcome, state) {
	var acc outcome
	paused := false
	for _, stmt := range list {
		o, after := s.stmt(stmt, st, brk)
		if paused {
			o = o.waited()
		}
		if o&fall == 0 {
			return acc | o, st
		}
		acc |= o &^ (fall | bare)
		paused = paused || o&bare == 0
		st = after
	}
	if !paused {
		acc |= bare
	}
	return acc | fall, st
}

func (s *sim) stmt(stmt ast.Stmt, st state, brk outcome) (outcome, state) {
	switch n := stmt.(type) {
	case *ast.ReturnStmt:
		return leave, st
	case *ast.BranchStmt:
		switch {
		case n.Tok == token.FALLTHROUGH:
			return fall | bare, st
		case n.Tok == token.GOTO:
			return leave, st
		case n.Label == nil && n.Tok == token.BREAK:
			return brk, st
		case n.Label == nil || s.c.info.Uses[n.Label] == s.loop.label && s.loop.label != nil:
			if n.Tok == token.CONTINUE {
				return next | spin, st
			}
			return leave, st
		}
		return leave, st // to an outer loop
	case *ast.ExprStmt:
		if isExit(n.X) {
			return leave, st
		}
	case *ast.AssignStmt:
		if s.assigns(n.Lhs) {
			return s.plain(n), unknown
		}
	case *ast.DeclStmt:
		if gd, ok := n.Decl.(*ast.GenDecl); ok {
			for _, spec := range gd.Specs {
				if vs, ok := spec.(*ast.ValueSpec); ok {
					for _, name := range vs.Names {
						if s.c.info.Defs[name] == s.err {
							return s.plain(n), unknown
						}
					}
				}
			}
		}
	case *ast.LabeledStmt:
		return s.stmt(n.Stmt, st, brk)
	case *ast.BlockStmt:
		return s.run(n.List, st, brk)
	case *ast.IfStmt:
		if n.Init != nil {
			if _, after := s.stmt(n.Init, st, brk); after == unknown {
				st = unknown
			}
		}
		then, _ := s.run(n.Body.List, st, brk)
		els := fall | bare
		if n.Else != nil {
			els, _ = s.stmt(n.Else, st, brk)
		}
		switch s.truth(n.Cond, st) {
		case yes:
			return then, st
		case no:
			return els, st
		}
		if st == failure && s.mentionsErr(n.Cond) && then.waited() != els.waited() {
			s.tests = append(s.tests, n.Cond)
		}
		return then | els, st
	case *ast.SwitchStmt:
		return s.switchStmt(n, st)
	case *ast.TypeSwitchStmt:
		var outs []outcome
		hasDefault := false
		for _, cc := range n.Body.List {
			clause := cc.(*ast.CaseClause)
			hasDefault = hasDefault || clause.List == nil
			o, _ := s.run(clause.Body, st, fall|bare)
			outs = append(outs, o)
		}
		if !hasDefault {
			outs = append(outs, fall|bare)
		}
		if st == failure && s.mentionsErr(n.Assign) && differ(outs) {
			s.tests = append(s.tests, caseExprs(n.Body)...)
		}
		return union(outs), st
	case *ast.SelectStmt:
		// Without a default, a select waits for one of its cases.
		var acc outcome
		waits := true
		for _, cc := range n.Body.List {
			clause := cc.(*ast.CommClause)
			waits = waits && clause.Comm != nil
			o, _ := s.run(clause.Body, st, fall|bare)
			acc |= o
		}
		if waits {
			acc = acc.waited()
		}
		return acc, st
	case *ast.ForStmt, *ast.RangeStmt:
		if returns.Any(n) {
			return s.plain(n) | leave, st
		}
	}
	return s.plain(stmt), st
}

// plain is the outcome of a statement that runs to its end: bare, unless
// it waits.
func (s *sim) plain(stmt ast.Stmt) outcome {
	if s.c.blocks(stmt) {
		return fall
	}
	return fall | bare
}

// switchStmt follows a switch: a tagless one case by case, as an if-else
// chain; a tagged one on each case.
func (s *sim) switchStmt(n *ast.SwitchStmt, st state) (outcome, state) {
	if n.Init != nil {
		if _, after := s.stmt(n.Init, st, fall); after == unknown {
			st = unknown
		}
	}
	if n.Tag != nil && s.status(n.Tag) && s.code != 0 && st == success {
		// switch resp.StatusCode: the case of the simulated status runs.
		var run *ast.CaseClause
		for _, cc := range n.Body.List {
			clause := cc.(*ast.CaseClause)
			if clause.List == nil && run == nil {
				run = clause
			}
			for _, e := range clause.List {
				if tv := s.c.info.Types[e]; tv.Value != nil && constant.Compare(tv.Value, token.EQL, constant.MakeInt64(s.code)) {
					run = clause
					break
				}
			}
			if run != nil && run.List != nil {
				break
			}
		}
		if run == nil {
			return fall | bare, st
		}
		o, _ := s.run(run.Body, st, fall|bare)
		return o, st
	}
	var outs []outcome
	hasDefault := false
	mentions := n.Tag != nil && s.mentionsErr(n.Tag)
	for _, cc := range n.Body.List {
		clause := cc.(*ast.CaseClause)
		if clause.List == nil {
			hasDefault = true
		}
		t := maybe
		if n.Tag == nil && clause.List != nil {
			t = no
			for _, e := range clause.List {
				mentions = mentions || s.mentionsErr(e)
				switch s.truth(e, st) {
				case yes:
					t = yes
				case maybe:
					if t == no {
						t = maybe
					}
				}
			}
		}
		if t == no {
			continue
		}
		o, _ := s.run(clause.Body, st, fall|bare)
		outs = append(outs, o)
		if t == yes {
			hasDefault = true // nothing after it runs
			break
		}
	}
	if !hasDefault {
		outs = append(outs, fall|bare)
	}
	if st == failure && mentions && differ(outs) {
		for _, e := range caseExprs(n.Body) {
			if n.Tag != nil || s.mentionsErr(e) && s.truth(e, st) == maybe {
				s.tests = append(s.tests, e)
			}
		}
	}
	return union(outs), st
}

func union(outs []outcome) outcome {
	var acc outcome
	for _, o := range outs {
		acc |= o
	}
	return acc
}

func differ(outs []outcome) bool {
	for _, o := range outs {
		if o.waited() != outs[0].waited() {
			return true
		}
	}
	return false
}

func caseExprs(body *ast.BlockStmt) []ast.Expr {
	var out []ast.Expr
	for _, cc := range body.List {
		out = append(out, cc.(*ast.CaseClause).List...)
	}
	return out
}

func (s *sim) assigns(lhs []ast.Expr) bool {
	for _, l := range lhs {
		if id, ok := ast.Unparen(l).(*ast.Ident); ok && s.c.info.ObjectOf(id) == s.err {
			return true
		}
	}
	return false
}

func (s *sim) isErr(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && s.c.info.Uses[id] == s.err
}

func (s *sim) mentionsErr(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && s.c.info.Uses[id] == s.err {
			found = true
		}
		return !found
	})
	return found
}

// truth evaluates a condition in a state: err != nil is true on failure.
func (s *sim) truth(cond ast.Expr, st state) tri {
	if st == unknown {
		return maybe
	}
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			switch s.truth(e.X, st) {
			case yes:
				return no
			case no:
				return yes
			}
		}
	case *ast.CallExpr:
		// errors.Is(err, redis.Nil) when the service is down.
		if fn, _ := typeutil.Callee(s.c.info, e).(*types.Func); fn != nil && knowledge.FuncName(fn) == knowledge.ErrorsIs &&
			len(e.Args) == 2 && s.isErr(e.Args[0]) && s.notDown(e.Args[1], st) {
			return no
		}
		// isTimeout(err), ne.Timeout(): a service that is down fails at
		// once, not after a timeout.
		if s.down && st == failure && words(types.ExprString(e), knowledge.TimeoutWords) {
			return no
		}
	case *ast.BinaryExpr:
		if t, ok := s.compareStatus(e, st); ok {
			return t
		}
		switch e.Op {
		case token.EQL, token.NEQ:
			var other ast.Expr
			switch {
			case s.isErr(e.X):
				other = e.Y
			case s.isErr(e.Y):
				other = e.X
			default:
				return maybe
			}
			if s.notDown(other, st) {
				// err == redis.Nil when the service is down.
				if e.Op == token.EQL {
					return no
				}
				return yes
			}
			if id, ok := ast.Unparen(other).(*ast.Ident); !ok || id.Name != "nil" {
				return maybe
			}
			isNil := st == success
			if e.Op == token.EQL == isNil {
				return yes
			}
			return no
		case token.LAND:
			x, y := s.truth(e.X, st), s.truth(e.Y, st)
			switch {
			case x == no || y == no:
				return no
			case x == yes && y == yes:
				return yes
			}
		case token.LOR:
			x, y := s.truth(e.X, st), s.truth(e.Y, st)
			switch {
			case x == yes || y == yes:
				return yes
			case x == no && y == no:
				return no
			}
		}
	}
	return maybe
}

// specificOnly reports whether the failure path gives up on every error
// but specific ones the service answered with: each test that sends some
// errors round again names a conflict (isUniqueViolation(err)), compares
// a code with a conflict's (pgErr.Code == "40001"), or
// compares with a sentinel error that names no failure of the service or
// the network (errors.Is(err, ErrPwned)). A service that is down is then
// tried once.
func (s *sim) specificOnly() bool {
	if len(s.tests) == 0 {
		return false
	}
	for _, t := range s.tests {
		text := types.ExprString(t)
		switch {
		case words(text, knowledge.ConflictWords):
		case s.conflictCode(t) && !words(text, knowledge.TransientWords):
		case words(text, knowledge.TransientWords) || !s.sentinel(t):
			return false
		}
	}
	return true
}

// conflictCode reports whether a test compares a code with one a
// database answers a conflict with (pgErr.Code == "40001",
// pgerrcode.DeadlockDetected, me.Number == 1213).
func (s *sim) conflictCode(test ast.Expr) bool {
	found := false
	ast.Inspect(test, func(n ast.Node) bool {
		if b, ok := n.(*ast.BinaryExpr); ok && b.Op == token.EQL {
			for _, side := range []ast.Expr{b.X, b.Y} {
				if tv := s.c.info.Types[side]; tv.Value != nil && knowledge.ConflictCodes[tv.Value.ExactString()] != "" {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// sentinel reports whether a test compares the error with a
// package-level error variable: errors.Is(err, ErrX), err == ErrX.
func (s *sim) sentinel(test ast.Expr) bool {
	found := false
	ast.Inspect(test, func(n ast.Node) bool {
		var other ast.Expr
		switch n := n.(type) {
		case *ast.CallExpr:
			if fn, _ := typeutil.Callee(s.c.info, n).(*types.Func); fn != nil && knowledge.FuncName(fn) == knowledge.ErrorsIs && len(n.Args) == 2 && s.isErr(n.Args[0]) {
				other = n.Args[1]
			}
		case *ast.BinaryExpr:
			if n.Op == token.EQL && s.isErr(n.X) {
				other = n.Y
			}
		}
		if other != nil {
			id := nameOf(other)
			if v, ok := s.c.info.Uses[id].(*types.Var); id != nil && ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
				found = true
			}
		}
		return !found
	})
	return found
}

// notDown reports whether, in a simulation of a service that is down,
// the error in state st cannot be the one an expression names: a
// package-level error (a variable or a constant: redis.Nil) whose name
// says nothing of a failure of the service or of the way to it, or
// names a timeout (context.DeadlineExceeded): a service that is down
// fails at once.
func (s *sim) notDown(e ast.Expr, st state) bool {
	if !s.down || st != failure {
		return false
	}
	id := nameOf(e)
	if id == nil {
		return false
	}
	obj := s.c.info.Uses[id]
	switch obj.(type) {
	case *types.Var, *types.Const:
	default:
		return false
	}
	return obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope() &&
		(!words(id.Name, knowledge.TransientWords) || words(id.Name, knowledge.TimeoutWords)) &&
		types.Implements(obj.Type(), types.Universe.Lookup("error").Type().Underlying().(*types.Interface))
}

// status reports whether an expression is the status code of the
// attempt's response: resp.StatusCode, resp.StatusCode().
func (s *sim) status(e ast.Expr) bool {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 0 {
		e = ast.Unparen(call.Fun)
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := s.c.info.Uses[id].(*types.Var)
	if !ok || !s.results[v] {
		return false
	}
	return knowledge.ResponseStatus[strings.TrimPrefix(knowledge.TypeName(v.Type()), "*")] == sel.Sel.Name
}

// mentionsStatus reports whether an expression reads the status of the
// attempt's response.
func (s *sim) mentionsStatus(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok && s.status(x) {
			found = true
		}
		return !found
	})
	return found
}

// compareStatus evaluates a comparison of the response's status with a
// constant, when the simulation answers with a known status.
func (s *sim) compareStatus(e *ast.BinaryExpr, st state) (tri, bool) {
	if s.code == 0 || st != success {
		return maybe, false
	}
	switch e.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return maybe, false
	}
	x, y, op := e.X, e.Y, e.Op
	if !s.status(x) {
		x, y = y, x
		switch op { // 500 <= code is code >= 500
		case token.LSS:
			op = token.GTR
		case token.LEQ:
			op = token.GEQ
		case token.GTR:
			op = token.LSS
		case token.GEQ:
			op = token.LEQ
		}
	}
	tv := s.c.info.Types[y]
	if !s.status(x) || tv.Value == nil || tv.Value.Kind() != constant.Int {
		return maybe, false
	}
	if constant.Compare(constant.MakeInt64(s.code), op, tv.Value) {
		return yes, true
	}
	return no, true
}

// nameOf returns the identifier that names what an expression reads: the
// expression itself, or the selected name of pkg.Name and x.Field; nil
// for anything else.
func nameOf(e ast.Expr) *ast.Ident {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		return x.Sel
	}
	return nil
}
