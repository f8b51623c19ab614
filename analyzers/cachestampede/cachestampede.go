package cachestampede

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/crisislint/crisislint/internal/cacheops"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer reports cache writes whose keys expire together.
var Analyzer = &analysis.Analyzer{
	Name:     "cachestampede",
	Doc:      Doc.String(),
	URL:      Doc.URL(),
	Requires: []*analysis.Analyzer{cacheops.Analyzer},
	Run:      report.Guard(run),
}

type checker struct {
	pass      *analysis.Pass
	co        *cacheops.Result
	rep       *report.Reporter
	scheduled map[*types.Func]bool // see scheduledFuncs
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{
		pass: pass,
		co:   pass.ResultOf[cacheops.Analyzer].(*cacheops.Result),
		rep:  report.New(pass),
	}
	if c.co.Panic != "" {
		report.Internal(pass, "cacheops panicked on package "+pass.Pkg.Path()+": "+c.co.Panic)
	}
	for _, top := range c.co.Tops() {
		if report.IsTestCode(pass, top.Pos()) {
			continue
		}
		for _, op := range c.co.Ops(top) {
			if op.Expiry != cacheops.Fixed {
				continue
			}
			switch {
			case c.aside(top, op):
			case c.loop(top, op):
			}
		}
	}
	c.rep.Flush()
	return nil, nil
}

// aside reports a cache-aside write with a constant TTL: a get-or-load
// helper's, or a Set that follows a Get of the same key and a load.
func (c *checker) aside(top ast.Node, op *cacheops.Op) bool {
	switch op.Kind {
	case cacheops.Aside:
		if op.Guarded || op.TTL == nil {
			return false // guarded inside, or its own TTL reported there
		}
	case cacheops.Set:
		get := c.readBefore(top, op)
		if get == nil || !c.loads(top, op) {
			return false
		}
	default:
		return false
	}
	if c.co.Guarded(top, op.Call.Pos()) || c.guardedByCallers(top) {
		return false
	}
	msg := fmt.Sprintf("%s writes back %s with the same TTL (%s) for every key, and nothing lets one caller load while the others wait: when a hot key expires, every request that misses it reloads it at once (a cache stampede); add jitter to the TTL (ttl + rand.N(ttl/10)) and load through singleflight.Group.Do",
		c.name(op), c.what(op), c.ttl(op))
	c.add(op, msg)
	return true
}

// readBefore returns a read of the same key as a write, made before it.
func (c *checker) readBefore(top ast.Node, set *cacheops.Op) *cacheops.Op {
	for _, op := range c.co.Ops(top) {
		if op.Kind == cacheops.Get && op.Call.End() <= set.Call.Pos() && cacheops.SameKey(op, set) {
			return op
		}
	}
	return nil
}

// loads reports whether the value a write puts back was loaded: from the database, another service, or a
// loader the function was handed. A write of anything else after a read
// (a counter, a flag) is no cache-aside.
func (c *checker) loads(top ast.Node, set *cacheops.Op) bool {
	return c.co.LoadedRemote(top, set.Value, set.Call.Pos())
}

// guardedByCallers reports whether every call of a function in its
// package is made under a guard: a cache-aside helper called from inside
// singleflight's Do.
func (c *checker) guardedByCallers(top ast.Node) bool {
	fd, ok := top.(*ast.FuncDecl)
	if !ok {
		return false
	}
	fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return false
	}
	calls := c.co.Callers(fn)
	if len(calls) == 0 {
		return false
	}
	for _, call := range calls {
		if !c.co.Guarded(c.co.CallTop(call), call.Pos()) {
			return false
		}
	}
	return true
}

// loop reports keys written in a loop with the same constant TTL, unless
// the loop runs on a ticker (keys refreshed ahead of their expiry).
func (c *checker) loop(top ast.Node, op *cacheops.Op) bool {
	if op.Kind != cacheops.Set || op.Key == nil || op.IfAbsent || c.constant(op.Value) {
		return false // a marker (SETNX seen:<id> 1): nothing reloads it
	}
	loop := enclosingLoop(op.Func, op.Call.Pos())
	if loop == nil || !c.variesWith(op.Key, loop) || c.periodic(top, op) || c.refill(top, loop) {
		return false
	}
	msg := fmt.Sprintf("%s in a loop gives every key it writes the same TTL (%s): they all expire at the same moment and the misses reload them from the database together (a thundering herd); add jitter to the TTL (ttl + rand.N(ttl/10))",
		c.name(op), c.ttl(op))
	c.add(op, msg)
	return true
}

func (c *checker) constant(e ast.Expr) bool {
	return e != nil && c.pass.TypesInfo.Types[e].Value != nil
}

// refill reports whether a loop stores what one load fetched after a
// miss: the function, or every caller of it in the package, reads the
// cache first. The next miss refills the whole batch with one load, so
// the keys expiring together bring no herd.
func (c *checker) refill(top ast.Node, loop ast.Node) bool {
	if c.readsBefore(top, loop.Pos()) {
		return true
	}
	fd, ok := top.(*ast.FuncDecl)
	if !ok {
		return false
	}
	fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return false
	}
	calls := c.co.Callers(fn)
	if len(calls) == 0 {
		return false
	}
	for _, call := range calls {
		if !c.readsBefore(c.co.CallTop(call), call.Pos()) {
			return false
		}
	}
	return true
}

// readsBefore reports whether top reads the cache before pos.
func (c *checker) readsBefore(top ast.Node, pos token.Pos) bool {
	for _, op := range c.co.Ops(top) {
		if op.Kind == cacheops.Get && op.Call.Pos() < pos {
			return true
		}
	}
	return false
}

// enclosingLoop returns the innermost for or range statement of fn (not
// of a function literal inside it) that holds pos.
func enclosingLoop(fn ast.Node, pos token.Pos) ast.Node {
	var loop ast.Node
	ast.Inspect(fn, func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			if n != fn {
				return false
			}
		case *ast.ForStmt:
			loop = n
		case *ast.RangeStmt:
			loop = n
		}
		return true
	})
	return loop
}

// variesWith reports whether a key changes from one iteration of a loop
// to the next: it reads a variable the loop declares.
func (c *checker) variesWith(key ast.Expr, loop ast.Node) bool {
	varies := false
	ast.Inspect(key, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && loop.Pos() <= v.Pos() && v.Pos() < loop.End() {
				varies = true
			}
		}
		return !varies
	})
	return varies
}

// periodic reports whether a write runs on a ticker: inside a loop that
// waits on a timer or sleeps, in the function or in every caller of it in
// the package. Such a loop rewrites the keys before they expire.
func (c *checker) periodic(top ast.Node, op *cacheops.Op) bool {
	if c.inWaitingLoop(top, op.Call.Pos()) {
		return true
	}
	fd, ok := top.(*ast.FuncDecl)
	if !ok {
		return false
	}
	fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return false
	}
	if c.scheduledFuncs()[fn] {
		return true
	}
	calls := c.co.Callers(fn)
	if len(calls) == 0 {
		return false
	}
	for _, call := range calls {
		if !c.inWaitingLoop(c.co.CallTop(call), call.Pos()) {
			return false
		}
	}
	return true
}

// scheduledFuncs returns the functions of the package that a scheduler
// runs again and again: handed to a call that takes a period or a
// schedule and a func() (s.Every(5*time.Minute, r.refreshAll), cron's
// AddFunc("@every 5m", job), time.AfterFunc(d, tick) re-armed by tick),
// themselves or called by the function literal handed over. Refreshing
// ahead of the expiry, they rewrite the keys before they expire; a first
// call at startup warms them up once.
func (c *checker) scheduledFuncs() map[*types.Func]bool {
	if c.scheduled != nil {
		return c.scheduled
	}
	c.scheduled = make(map[*types.Func]bool)
	mark := func(e ast.Expr) {
		var lits []*ast.FuncLit
		switch x := ast.Unparen(e).(type) {
		case *ast.FuncLit:
			lits = append(lits, x)
		case *ast.Ident, *ast.SelectorExpr:
			switch obj := cacheops.Referent(c.pass.TypesInfo, x).(type) {
			case *types.Func:
				c.scheduled[obj.Origin()] = true
			case *types.Var:
				for _, w := range c.co.Index().Writes(obj) {
					if lit, ok := ast.Unparen(w.RHS).(*ast.FuncLit); ok && w.RHS != nil {
						lits = append(lits, lit)
					}
				}
			}
		}
		for _, lit := range lits {
			ast.Inspect(lit.Body, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func); ok && fn.Pkg() == c.pass.Pkg {
						c.scheduled[fn.Origin()] = true
					}
				}
				return true
			})
		}
	}
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if job := c.scheduledArg(call); job != nil {
				mark(job)
			}
			return true
		})
	}
	return c.scheduled
}

// scheduledArg returns the job a call hands a scheduler: the func()
// argument of a call whose other parameter is a period (time.Duration)
// or a schedule (a string), or nil.
func (c *checker) scheduledArg(call *ast.CallExpr) ast.Expr {
	sig, ok := c.pass.TypesInfo.TypeOf(call.Fun).Underlying().(*types.Signature)
	if !ok || sig.Params().Len() != 2 || len(call.Args) != 2 || sig.Variadic() {
		return nil
	}
	var job ast.Expr
	when := false
	for i := range 2 {
		t := sig.Params().At(i).Type()
		if f, ok := t.Underlying().(*types.Signature); ok && f.Params().Len() == 0 && f.Results().Len() == 0 {
			job = call.Args[i]
			continue
		}
		if b, ok := t.Underlying().(*types.Basic); ok && b.Kind() == types.String || knowledge.TypeName(t) == "time.Duration" {
			when = true
		}
	}
	if !when {
		return nil
	}
	return job
}

// inWaitingLoop reports whether pos lies in a loop of top that waits on
// a timer each time round.
func (c *checker) inWaitingLoop(top ast.Node, pos token.Pos) bool {
	found := false
	ast.Inspect(top, func(n ast.Node) bool {
		if n == nil || found || pos < n.Pos() || pos >= n.End() {
			return false
		}
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			found = c.waits(n)
		}
		return !found
	})
	return found
}

// waits reports whether a loop waits on a timer each time round: a
// receive from a ticker's or timer's channel, time.After, time.Tick, or a
// sleep.
func (c *checker) waits(loop ast.Node) bool {
	found := false
	ast.Inspect(loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if fn, ok := typeutil.Callee(c.pass.TypesInfo, n).(*types.Func); ok {
				switch knowledge.FuncName(fn) {
				case "time.Sleep", "time.After", "time.Tick":
					found = true
				}
			}
		case *ast.SelectorExpr:
			if n.Sel.Name == "C" {
				switch knowledge.TypeName(c.pass.TypesInfo.TypeOf(n.X)) {
				case "*time.Ticker", "*time.Timer":
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// add reports a finding at the write, with the jitter fix when the TTL is
// written there; writes through a wrapper whose TTL is fixed inside share
// one finding per package.
func (c *checker) add(op *cacheops.Op, msg string) {
	f := report.Finding{Pos: op.Call.Pos(), End: op.Call.End(), Message: msg, Severity: report.Warning}
	if edits, ok := cacheops.Jitter(c.pass, op); ok {
		f.Fixes = []analysis.SuggestedFix{{Message: "Add jitter to the TTL", TextEdits: edits}}
	} else if op.TTL == nil && !op.Direct() {
		f.Root = "ttl of " + op.Via
		f.Also = "calls of " + op.Via
	}
	c.rep.Add(f)
}

func (c *checker) name(op *cacheops.Op) string { return op.Name }

// what names the key written, by its shape when it has one.
func (c *checker) what(op *cacheops.Op) string {
	if op.Shape != "" {
		return fmt.Sprintf("%q", op.Shape)
	}
	if op.Key != nil {
		return types.ExprString(op.Key)
	}
	return "the key"
}

func (c *checker) ttl(op *cacheops.Op) string {
	if op.TTL == nil {
		return op.ConstText + ", set inside " + op.Via
	}
	return op.ConstText
}
