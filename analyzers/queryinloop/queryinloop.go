package queryinloop

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/dbengine"
	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/reqpath"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer reports database round trips made in each iteration of a loop.
var Analyzer = &analysis.Analyzer{
	Name:      "queryinloop",
	Doc:       Doc.String(),
	URL:       Doc.URL(),
	Requires:  []*analysis.Analyzer{effects.Analyzer, reqpath.Analyzer, dbengine.Analyzer},
	Run:       report.Guard(run),
	FactTypes: []analysis.Fact{new(jobFact), new(callersFact), new(usesFact), new(wantsCallersFact), new(fewFact)},
}

// smallLoop is the largest constant number of iterations that is not a
// collection: a loop over 3 tables or 5 retries is not an N+1.
const smallLoop = 16

func run(pass *analysis.Pass) (any, error) {
	fx := pass.ResultOf[effects.Analyzer].(*effects.Result)
	if fx.Panic != "" {
		report.Internal(pass, "effects panicked on package "+pass.Pkg.Path()+": "+fx.Panic)
	}
	c := &checker{
		pass:      pass,
		fx:        fx,
		rp:        pass.ResultOf[reqpath.Analyzer].(*reqpath.Result),
		embedded:  pass.ResultOf[dbengine.Analyzer].(*dbengine.Result).EmbeddedOnly(),
		units:     make(map[ast.Stmt]string),
		decoded:   make(map[*types.Var]bool),
		impls:     make(map[*types.Func]job),
		implTypes: make(map[types.Type][]types.Type),
		wanted:    make(map[*types.Func]*callersFact),
		forOthers: make(map[*types.Func]bool),
		in:        inspector.New(pass.Files),
	}
	c.ev = &strexpr.Evaluator{Info: pass.TypesInfo, Index: fx.Index()}
	c.findJobs() // for the packages that import this one, whatever it does itself
	c.exportFew()
	var cands []candidate
	if fx.Has(effects.DB) || fx.Has(effects.Redis) { // else no function here talks to a database
		cands = c.candidates()
	}
	for _, cand := range cands {
		c.finish(cand) // marks the functions whose callers the findings depend on
	}
	c.recordUses() // for the packages this one imports, whatever it finds itself
	if len(cands) == 0 {
		return nil, nil
	}
	c.loadUses()
	clear(c.decoded)
	rep := report.New(pass)
	for _, cand := range cands {
		if f, ok := c.finish(cand); ok {
			rep.Add(f)
		}
	}
	rep.Flush()
	return nil, nil
}

// notifies reports whether the call is itself an action the program's
// listeners hear of (see announces): the change of each item, even of
// some items only (the assignees no longer selected), is an event of its
// own.
func (c *checker) notifies(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	return ok && c.jobOf(fn).Notifies
}

// A candidate is a call in a loop that makes a round trip per iteration,
// before what its callers say about it.
type candidate struct {
	f     report.Finding
	call  *ast.CallExpr
	loop  ast.Stmt
	top   *ast.FuncDecl // the top-level function it is in
	items ast.Expr      // what the loop walks, if known
	note  string        // the message when the request names the items
	// background is set when the loop runs in a goroutine no caller
	// waits for: a note, whatever the items.
	background bool
}

// candidates finds the calls in loops that make a round trip per
// iteration.
func (c *checker) candidates() []candidate {
	pass, fx := c.pass, c.fx
	var cands []candidate
	graphql := slices.ContainsFunc(pass.Pkg.Imports(), func(p *types.Package) bool {
		return slices.Contains(knowledge.GraphQLPackages, p.Path())
	})
	for cur := range c.in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if _, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
			continue // func() {...}(): its own calls are reported
		}
		if report.IsTestCode(pass, call.Pos()) || c.oneOff(cur) {
			continue
		}
		var loop ast.Stmt
		var fn ast.Node
		var cache types.Object // a per-key cache an inner loop consults first
		for _, l := range c.loopsOf(cur) {
			if cache != nil && cache.Pos() < l.loop.Pos() {
				continue // declared before this loop too: once per key across it
			}
			memo, m := c.memoized(cur, l.loop)
			if m != nil {
				cache = m
			}
			if !leavesAfter(cur, l.loop) && !c.searches(cur, l.loop) && !memo && !c.dispatched(cur, l.loop) && !c.batched(call, l.loop) {
				loop, fn = l.loop, l.fn // each iteration of l runs the call
				break
			}
		}
		if loop == nil || c.onErrorPath(cur, loop, fn) {
			continue
		}
		// A lazy loader's query, an error path's or a worker's is not made
		// per item: the loop around its call is no N+1.
		set := fx.Call(call).Without(effects.Lazy | effects.ErrorPath | effects.Worker | effects.Cached)
		e := set[effects.DB]
		if c.embedded {
			// SQLite answers in the process: N small queries cost what one
			// does, and there is no round trip to save.
			e = nil
		}
		what, unit := "query", "round trips"
		if e == nil {
			e, what = set[effects.Redis], "redis command"
		}
		if e == nil || c.preparedInTx(call) || c.unitOfWork(loop, fn) != "" || c.ownState(call, e, loop) || c.notifies(call) ||
			e.Direct() && c.perHandle(call, loop) {
			continue
		}
		name := callName(call)
		how := ""
		if !e.Direct() {
			how = " (loop → " + e.Path(name) + ")"
		}
		remedy := knowledge.BatchRemedy(e.Note)
		switch {
		case e.Kind == effects.DB && knowledge.IsWrite(e.Cause()):
			remedy = knowledge.WriteRemedy(e.Note)
		case graphql && e.Kind == effects.DB:
			remedy += ", or a DataLoader in a GraphQL resolver"
		}
		f := report.Finding{Pos: call.Pos(), End: call.End(), Severity: report.Warning,
			Message: fmt.Sprintf("%s in a loop runs one %s per iteration%s: N items cost N %s (N+1); %s", name, what, how, unit, remedy)}
		if !e.Direct() {
			// The loops of a package that call the same helper are one
			// cause: the helper loads one item where its callers have many.
			f.Root, f.Also = e.Chain[0], "calls of "+e.Chain[0]+" in loops"
		}
		cand := candidate{f: f, call: call, loop: loop}
		if c.background(cur, loop) {
			// The loop runs after the function returns (gopool.Go(func() {
			// for ... }), go func() { ... }() with no wait): no response
			// waits on its round trips, but the load is still N of them.
			cand.background = true
			f.Severity = report.Note
			f.Message = fmt.Sprintf("%s in a loop runs one %s per iteration%s, in a goroutine no caller waits for: no response waits on them, but N items still cost the %s N %s; %s",
				name, what, how, server(e.Kind), unit, remedy)
			cand.f = f
		}
		for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			cand.top = fd.Node().(*ast.FuncDecl)
			break
		}
		if items := c.collection(loop); items != nil {
			// The message for a loop over what the request names.
			cand.items = items
			cand.note = fmt.Sprintf("%s in a loop runs one %s per item of %s, which the request names%s: as many %s as the client sends items; fine for the handful a user selects, but if the list can grow, %s",
				name, what, shorten(types.ExprString(items)), how, unit, remedy)
		}
		cands = append(cands, cand)
	}
	return cands
}

// finish decides what a candidate is, now that the callers may be known:
// nothing when every caller is one-off code or the loop acts on each item
// the request names, a note when it loads something for each of them.
func (c *checker) finish(cand candidate) (report.Finding, bool) {
	f := cand.f
	if cand.top != nil {
		if fn, ok := c.pass.TypesInfo.Defs[cand.top.Name].(*types.Func); ok {
			if c.uses == nil {
				c.want(fn, 0, "", false)
			} else if c.oneOffCallers(knowledge.FuncName(fn), 0) {
				return f, false
			}
		}
	}
	if cand.items != nil && c.fewItems(cand.items) {
		return f, false // every caller hands it a few items the code fixes
	}
	if cand.items != nil && c.fromRequest(cand.items, 0) {
		if c.bulkAction(cand.loop) {
			return f, false // the action the user asked for, on each item selected
		}
		if !cand.background {
			f.Severity, f.Message = report.Note, cand.note
		}
	}
	return f, true
}

// server names what a kind of round trip reaches, for messages.
func server(k effects.Kind) string {
	if k == effects.Redis {
		return "redis server"
	}
	return "database"
}

// background reports whether a loop runs in a goroutine of its own that
// no caller waits for: a function literal around it, in its top-level
// function, is started with go and not awaited, or handed to a function
// that starts it so (gopool.Go). A literal inside the loop is the loop's
// own business (a goroutine per item).
func (c *checker) background(cur inspector.Cursor, loop ast.Stmt) bool {
	inside := false // the walk has left the loop
	for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.FuncDecl:
			return false
		case *ast.FuncLit:
			if !inside {
				continue
			}
			call, ok := p.Parent().Node().(*ast.CallExpr)
			if !ok {
				return false
			}
			g, _ := p.Parent().Parent().Node().(*ast.GoStmt)
			var outer ast.Node
			for q := p.Parent(); q.Node() != nil; q = q.Parent() {
				if _, ok := q.Node().(*ast.FuncDecl); ok {
					outer = q.Node()
					break
				}
				if _, ok := q.Node().(*ast.FuncLit); ok {
					outer = q.Node()
					break
				}
			}
			if outer != nil && c.fx.Background(n, call, g, outer) {
				return true
			}
		}
		if p.Node() == loop {
			inside = true
		}
	}
	return false
}

type checker struct {
	pass *analysis.Pass
	fx   *effects.Result
	rp   *reqpath.Result
	// embedded is set when every database driver the package can reach
	// runs in the process (SQLite): its queries are no round trips.
	embedded bool
	jobs     map[*types.Func]job // the package's functions that do work beyond the database
	impls    map[*types.Func]job // what the implementations of an interface method do, once asked
	// implTypes are the types implementing an interface, once asked.
	implTypes map[types.Type][]types.Type
	decls     map[*types.Func]*ast.FuncDecl   // the package's functions
	units     map[ast.Stmt]string             // the loops whose iterations are units of work, and why
	decoded   map[*types.Var]bool             // the variables the client's data is decoded into
	ev        *strexpr.Evaluator              // for the SQL text of a statement
	calls     map[*types.Func][]*ast.CallExpr // the package's calls of its own functions, once asked
	wanted    map[*types.Func]*callersFact    // the package's functions whose callers its findings depend on
	grew      bool                            // wanted grew
	uses      map[string][]use                // the program's uses of those functions, once read
	memo      map[string]bool                 // what the uses said
	local     []use                           // the package's own uses of them
	in        *inspector.Inspector            // the package's files, for candidates and recordUses
	// forOthers are the functions of the package whose uses other
	// packages need: those that hand on a function of theirs.
	forOthers map[*types.Func]bool
	// ifaceMethods are the unexported method names the package's
	// interfaces declare, once asked (see named).
	ifaceMethods map[string]bool
}

// loopAt is a loop around a call, and the function it is in.
type loopAt struct {
	loop ast.Stmt
	fn   ast.Node // *ast.FuncDecl or *ast.FuncLit
}

// collection returns what a loop walks: the range expression, or x in
// for i := 0; i < len(x); i++; nil for other loops.
func (c *checker) collection(loop ast.Stmt) ast.Expr {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		return l.X
	case *ast.ForStmt:
		if cond, ok := ast.Unparen(l.Cond).(*ast.BinaryExpr); ok {
			if call, ok := ast.Unparen(cond.Y).(*ast.CallExpr); ok && len(call.Args) == 1 {
				if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "len" {
					return call.Args[0]
				}
			}
		}
	}
	return nil
}

func shorten(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

// loopsOf returns the loops, innermost first, each iteration of which
// runs the call at cur, with the function each is in. A function literal
// in a loop runs per iteration when it is called at once, started with go,
// deferred, or handed to a call (errgroup.Go, a transaction callback); a
// literal that is stored is not.
func (c *checker) loopsOf(cur inspector.Cursor) []loopAt {
	var loops []loopAt
	var inner []ast.Stmt // the loops met since the last function boundary
	// A literal handed to a call along with a map declared at cache:
	// the callee calls it once per key, for the loops after cache.
	cache := token.Pos(1 << 62)
	// worker is set when, since the last function boundary, the call is
	// in a loop that runs until the program stops it (for { ... } that
	// does not leave on success): a literal started per item around such
	// a loop is a long-lived worker per partition or shard, which polls;
	// the loop that starts the workers does not run the call per item.
	worker := false
	found := func(fn ast.Node) {
		for _, l := range inner {
			loops = append(loops, loopAt{l, fn})
		}
		inner = nil
	}
	for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.FuncDecl:
			found(n)
			return loops
		case *ast.FuncLit:
			found(n)
			call, ok := p.Parent().Node().(*ast.CallExpr)
			if !ok || call.Fun != n && c.fx.Stores(call) {
				return loops // stored (append(fns, func() {...})), returned, assigned
			}
			if worker {
				if call.Fun != n {
					return loops // eg.Go(func() { for { poll() } }) per partition
				}
				if _, ok := p.Parent().Parent().Node().(*ast.GoStmt); ok {
					return loops // go func() { for { poll() } }() per shard
				}
			}
			worker = false
			if ok && call.Fun != n {
				cache = min(cache, c.cacheArg(call))
			}
		case *ast.ForStmt:
			if n.Cond == nil && c.inBody(cur, n.Body) && !exitsOnSuccess(n.Body) {
				worker = true
			}
			if c.inBody(cur, n.Body) && c.iterates(n) && n.Pos() < cache {
				inner = append(inner, n)
			}
		case *ast.RangeStmt:
			if c.inBody(cur, n.Body) && c.iteratesRange(n) && n.Pos() < cache {
				inner = append(inner, n)
			}
		}
	}
	return loops
}

func (c *checker) inBody(cur inspector.Cursor, body *ast.BlockStmt) bool {
	n := cur.Node()
	return body.Pos() <= n.Pos() && n.End() <= body.End()
}

// iterates reports whether a for loop walks a collection: for rows.Next(),
// or a counter up to a bound that is not a small constant; and is not a
// retry loop, which leaves as soon as the call succeeds. Loops without
// such a condition poll, retry, page or serve: not an N+1.
func (c *checker) iterates(loop *ast.ForStmt) bool {
	switch cond := ast.Unparen(loop.Cond).(type) {
	case *ast.CallExpr:
		sel, ok := ast.Unparen(cond.Fun).(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "Next"
	case *ast.BinaryExpr:
		if loop.Init == nil || c.chunked(loop) {
			return false // for i := 0; i < len(ids); i += 500: one query per chunk
		}
		for _, side := range []ast.Expr{cond.X, cond.Y} {
			if tv := c.pass.TypesInfo.Types[side]; tv.Value != nil {
				if n, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok && n <= smallLoop {
					return false
				}
			}
		}
		return !exitsOnSuccess(loop.Body)
	}
	return false
}

// configuration reports whether a collection comes from configuration:
// a package-level variable, or a local one made from such variables and
// constants (rules := parseRules(setting.Signing.Rules)).
func (c *checker) configuration(e ast.Expr, depth int) bool {
	info := c.pass.TypesInfo
	if strexpr.Configuration(info, e) {
		return true
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || depth > 3 {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	ws := c.fx.Index().Writes(v)
	if len(ws) != 1 || ws[0].RHS == nil {
		return false
	}
	switch rhs := ast.Unparen(ws[0].RHS).(type) {
	case *ast.CallExpr:
		// Made from settings: some argument is configuration, and the others
		// are constants. A call with constants only (a query) returns data.
		fromConfig := false
		for _, a := range rhs.Args {
			switch {
			case info.Types[a].Value != nil:
			case c.configuration(a, depth+1):
				fromConfig = true
			default:
				return false
			}
		}
		return fromConfig
	default:
		return c.configuration(rhs, depth+1)
	}
}

// literal returns the composite literal a collection is written as, in
// place or in a local variable assigned once.
func (c *checker) literal(e ast.Expr) *ast.CompositeLit {
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return x
	case *ast.Ident:
		if v, ok := c.pass.TypesInfo.Uses[x].(*types.Var); ok {
			if ws := c.fx.Index().Writes(v); len(ws) == 1 && ws[0].RHS != nil {
				lit, _ := ast.Unparen(ws[0].RHS).(*ast.CompositeLit)
				return lit
			}
		}
	}
	return nil
}

// chunked reports whether a counting loop steps by chunks: i += size in
// its post statement, or i = end in its body.
func (c *checker) chunked(loop *ast.ForStmt) bool {
	if as, ok := loop.Post.(*ast.AssignStmt); ok && as.Tok == token.ADD_ASSIGN {
		return true
	}
	init, ok := loop.Init.(*ast.AssignStmt)
	if !ok || len(init.Lhs) != 1 || loop.Post != nil {
		return false
	}
	v := c.pass.TypesInfo.ObjectOf(identOf(init.Lhs[0]))
	stepped := false
	ast.Inspect(loop.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && v != nil {
			for _, lhs := range as.Lhs {
				if c.pass.TypesInfo.ObjectOf(identOf(lhs)) == v {
					stepped = true
				}
			}
		}
		return !stepped
	})
	return stepped
}

func identOf(e ast.Expr) *ast.Ident {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		return id
	}
	return &ast.Ident{Name: "_"}
}

// iteratesRange reports whether a range loop walks a collection: not a
// channel, and not a small constant number of items.
func (c *checker) iteratesRange(loop *ast.RangeStmt) bool {
	t := c.pass.TypesInfo.TypeOf(loop.X)
	if t == nil || c.configuration(loop.X, 0) || c.script(loop.X) {
		return false // the settings, the built-in items, a schema's statements: not data
	}
	if tv := c.pass.TypesInfo.Types[loop.X]; tv.Value != nil {
		n, ok := constant.Int64Val(constant.ToInt(tv.Value))
		return !ok || n > smallLoop
	}
	if lit := c.literal(loop.X); lit != nil {
		return len(lit.Elts) > smallLoop // props := map[string]string{...}
	}
	if c.fewValue(loop.X, 0) {
		return false // codes := make([]string, 4), or a function that returns so
	}
	if elem := elemType(t); elem != nil {
		switch elem.Underlying().(type) {
		case *types.Interface, *types.Signature:
			return false // strategies, plugins, handlers: configuration, not data
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Chan:
		return false
	case *types.Basic:
		return u.Info()&types.IsString == 0 // the runes of one string (the split points of a name) are not items
	case *types.Array:
		return u.Len() > smallLoop
	case *types.Pointer:
		if a, ok := u.Elem().Underlying().(*types.Array); ok {
			return a.Len() > smallLoop
		}
	}
	return true
}

// elemType returns the element type of a slice, array or map, or nil.
func elemType(t types.Type) types.Type {
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return u.Elem()
	case *types.Array:
		return u.Elem()
	case *types.Map:
		return u.Elem()
	}
	return nil
}

// ownState reports whether the call updates rows with values of their
// own, item by item: the item, a struct, handed whole to an update (a
// task's step with its status and times, a column with its position); a
// struct built in the iteration (&Comment{Content: updated}); or two
// values of the iteration, a key and what to set
// (Exec("UPDATE ... SET sorting = ? WHERE id = ?", sorting, id)). One
// UPDATE does not set different values per row: batching is not the
// remedy. An insert of the item is (Insert with a slice), and so is an
// update with the same values for all (SetStatus(ctx, n.ID, read)).
func (c *checker) ownState(call *ast.CallExpr, e *effects.Effect, loop ast.Stmt) bool {
	if e.Kind != effects.DB || !knowledge.IsUpdate(e.Cause()) && !c.updateSQL(call) {
		return false
	}
	if c.setsOwnFields(call, loop) {
		return true
	}
	perItem := 0
	for _, a := range call.Args {
		if !c.perIteration(a, loop) {
			continue
		}
		if isStruct(c.pass.TypesInfo.TypeOf(a)) {
			return true
		}
		perItem++
	}
	return perItem >= 2
}

// needsID reports whether the call inserts a value whose generated ID
// the iteration reads after it: the comment inserted before its
// reactions, which need comment.ID. A multi-row INSERT does not hand
// back every row's ID on every database, so one statement for all is no
// remedy (gitea's InsertMilestones says so).
//
// The iteration is then a unit of work: the rows that need the ID are
// written with it.
func (c *checker) needsID(call *ast.CallExpr, loop ast.Stmt) bool {
	e := c.fx.Call(call)[effects.DB]
	if e == nil || !knowledge.IsInsert(e.Cause()) && !c.sendsSQL(call, []string{"INSERT "}) {
		return false
	}
	body := loopBody(loop)
	if body == nil {
		return false
	}
	info := c.pass.TypesInfo
	inserted := make(map[types.Object]bool)
	for _, a := range call.Args {
		if id := identOf(unaddr(a)); id != nil {
			if obj := info.Uses[id]; obj != nil {
				inserted[obj] = true
			}
		}
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || found || sel.Pos() < call.End() {
			return !found
		}
		if strings.EqualFold(sel.Sel.Name, "id") {
			if id := identOf(sel.X); id != nil && inserted[info.Uses[id]] {
				found = true
			}
		}
		return !found
	})
	return found
}

// updateSQL reports whether a call sends an UPDATE statement: a string
// argument that starts with one (through an interface such as gitea's
// db.Engine, or a wrapper, as well as database/sql).
func (c *checker) updateSQL(call *ast.CallExpr) bool { return c.sendsSQL(call, []string{"UPDATE "}) }

func isStringType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// perIteration reports whether an expression takes its value from the
// iteration: it reads the loop's key, value or counter, a variable
// declared in its body, or one its body changes (prio++).
func (c *checker) perIteration(e ast.Expr, loop ast.Stmt) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && (loop.Pos() <= v.Pos() && v.Pos() < loop.End() || c.changedIn(v, loopBody(loop))) {
				found = true
			}
		}
		return !found
	})
	return found
}

// changedIn reports whether a block assigns a variable or steps it.
func (c *checker) changedIn(v *types.Var, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IncDecStmt:
			found = found || c.pass.TypesInfo.Uses[identOf(n.X)] == v
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				found = found || c.pass.TypesInfo.Uses[identOf(lhs)] == v
			}
		}
		return !found
	})
	return found
}

// setsOwnFields reports whether the call is a method of the loop's item
// that saves fields the iteration set before it, values of its own:
//
//	for _, pull := range pulls {
//		pull.HeadBranch = newName + "/" + strings.TrimPrefix(pull.HeadBranch, oldPrefix)
//		pull.UpdateCols(ctx, "head_branch")
func (c *checker) setsOwnFields(call *ast.CallExpr, loop ast.Stmt) bool {
	rs, ok := loop.(*ast.RangeStmt)
	sel, ok2 := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !ok2 || rs.Value == nil {
		return false
	}
	info := c.pass.TypesInfo
	item := info.ObjectOf(identOf(rs.Value))
	if item == nil || info.Uses[identOf(sel.X)] != item || !isStruct(item.Type()) {
		return false
	}
	found := false
	ast.Inspect(rs.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && as.Pos() < call.Pos() {
			for _, lhs := range as.Lhs {
				if fs, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && info.Uses[identOf(fs.X)] == item {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func isStruct(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// onErrorPath reports whether the loop runs only when something failed:
// it lies in the branch of an error test, in its function (a deferred
// cleanup, if errRet != nil { for _, p := range added { remove(p) } }).
func (c *checker) onErrorPath(cur inspector.Cursor, loop ast.Stmt, fn ast.Node) bool {
	for p := cur.Parent(); p.Node() != nil && p.Node() != fn; p = p.Parent() {
		if ifs, ok := p.Node().(*ast.IfStmt); ok && ifs.Body.Pos() <= loop.Pos() && loop.End() <= ifs.Body.End() && c.fx.TestsError(ifs.Cond) {
			return true
		}
	}
	return false
}

// memoized reports whether the call is made on an error path, on a
// per-key cache's miss, or only until a variable of the loop's function is
// set, by the same branch that makes it:
//
//	for _, u := range updates {
//		if repo == nil {
//			repo = loadRepository(ctx, owner, name)
//		}
//
// or after a hit on the cache has already continued the loop:
//
//	if role, ok := marked[c.PosterID]; ok {
//		continue
//	}
//	role := roleDescriptor(ctx, c.Poster)
//	marked[c.PosterID] = role
//
// When the skip is a per-key cache's, it also returns the cache's map:
// declared before the loops around this one, it spares them too.
func (c *checker) memoized(cur inspector.Cursor, loop ast.Stmt) (bool, types.Object) {
	info := c.pass.TypesInfo
	if body := loopBody(loop); body != nil {
		for _, st := range body.List {
			if st.Pos() <= cur.Node().Pos() && cur.Node().End() <= st.End() {
				break // the statement of the call: only those before it skip it
			}
			if ifs, ok := st.(*ast.IfStmt); ok && continues(ifs.Body) {
				if m := c.mapCacheOf(ifs.Cond, body); m != nil {
					return true, m
				}
			}
		}
	}
	for p := cur.Parent(); p.Node() != nil && p.Node() != loop; p = p.Parent() {
		ifs, ok := p.Node().(*ast.IfStmt)
		if !ok {
			continue
		}
		if els, ok := ifs.Else.(*ast.BlockStmt); ok && c.inBody(cur, els) {
			if m := c.mapCacheOf(ifs.Cond, els); m != nil {
				return true, m // if cached, ok := m[k]; ok { ... } else { load; m[k] = ... }
			}
		}
		if !c.inBody(cur, ifs.Body) {
			continue
		}
		if c.fx.TestsError(ifs.Cond) {
			return true, nil // an error path
		}
		if m := c.mapCacheOf(ifs.Cond, ifs.Body); m != nil {
			return true, m // a per-key cache's miss
		}
		tested := make(map[types.Object]bool)
		ast.Inspect(ifs.Cond, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				// Declared before the loop, it outlives an iteration; an
				// error (if err == nil { err = next() }) is no cache.
				if v, ok := info.Uses[id].(*types.Var); ok && v.Pos() < loop.Pos() && !isError(v.Type()) {
					tested[v] = true
				}
			}
			return true
		})
		set := false
		ast.Inspect(ifs.Body, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok {
				for _, lhs := range as.Lhs {
					if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && tested[info.ObjectOf(id)] {
						set = true
					}
				}
			}
			return !set
		})
		if set {
			return true, nil
		}
	}
	return false, nil
}

// continues reports whether a statement may continue the loop around it.
func continues(st ast.Stmt) bool {
	found := false
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			return false // their continue is their own
		case *ast.BranchStmt:
			found = found || n.Tok == token.CONTINUE
		}
		return !found
	})
	return found
}

// mapCacheOf returns the map of a per-key cache whose miss a branch of an
// if statement is, or nil:
//
//	org, ok := orgCache[name]
//	if !ok {
//		org = loadOrg(ctx, name)
//		orgCache[name] = org
//	}
//
// or, the miss in the else branch, if ok { ... } else { ... }.
func (c *checker) mapCacheOf(cond ast.Expr, branch *ast.BlockStmt) types.Object {
	info := c.pass.TypesInfo
	maps := make(map[types.Object]map[string]bool) // the maps the condition's variables were read from, and with which keys
	ast.Inspect(cond, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok {
			return true
		}
		for _, w := range c.fx.Index().Writes(v) {
			if ix, ok := ast.Unparen(w.RHS).(*ast.IndexExpr); ok && w.Kind == strexpr.Tuple {
				if m := info.ObjectOf(identOf(ix.X)); m != nil {
					if maps[m] == nil {
						maps[m] = make(map[string]bool)
					}
					maps[m][types.ExprString(ix.Index)] = true
				}
			}
		}
		return true
	})
	var found types.Object
	ast.Inspect(branch, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, lhs := range as.Lhs {
				// Filled under the key it was looked up by: a map tested
				// with one key and filled with another caches nothing.
				if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok && maps[info.ObjectOf(identOf(ix.X))][types.ExprString(ix.Index)] {
					found = info.ObjectOf(identOf(ix.X))
				}
			}
		}
		return found == nil
	})
	return found
}

// cacheArg returns where a map handed to a call as a cache was declared,
// or a position past any loop: Calculate(v, func(u *User) bool {...},
// &keyMap) calls the function once per key of keyMap, however many
// iterations call Calculate.
func (c *checker) cacheArg(call *ast.CallExpr) token.Pos {
	for _, a := range call.Args {
		id, ok := ast.Unparen(unaddr(a)).(*ast.Ident)
		if !ok {
			continue
		}
		if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && v.Pos() < call.Pos() {
			if _, ok := v.Type().Underlying().(*types.Map); ok {
				return v.Pos()
			}
		}
	}
	return token.Pos(1 << 62)
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// searches reports whether the loop stops on what the call finds: the
// call is in the condition of an if whose branch leaves the loop
// (if HasForked(org) { return org }), or it sets a variable that a later
// if of its block tests, other than a bare error test, to leave
// (isMember, err := IsTeamMember(...); ...; if isMember { return true }).
// A search makes one query per item only when nothing matches.
func (c *checker) searches(cur inspector.Cursor, loop ast.Stmt) bool {
	var stmt ast.Stmt // the statement of the loop's body, or of a block in it, that holds the call
	var block []ast.Stmt
	for p := cur; p.Node() != nil && p.Node() != loop; p = p.Parent() {
		if ifs, ok := p.Node().(*ast.IfStmt); ok && ifs.Cond.Pos() <= cur.Node().Pos() && cur.Node().End() <= ifs.Cond.End() {
			return !errorTest(ifs.Cond) && leaves(ifs.Body)
		}
		if b, ok := p.Parent().Node().(*ast.BlockStmt); ok {
			if st, ok := p.Node().(ast.Stmt); ok {
				stmt, block = st, b.List
				break
			}
		}
	}
	as, ok := stmt.(*ast.AssignStmt)
	if ifs, isIf := stmt.(*ast.IfStmt); isIf && ifs.Init != nil && errorTest(ifs.Cond) {
		// if err := row.Scan(&exists); err != nil { return err }
		as, ok = ifs.Init.(*ast.AssignStmt)
	}
	if !ok {
		return false
	}
	// What the call sets: its result, and its error. A test of the
	// result that leaves is a search; of the error, only err == nil
	// (leaving on a miss, if IsNotExist(err) { return }, is a check of
	// every item).
	set, errs := make(map[types.Object]bool), make(map[types.Object]bool)
	for _, lhs := range as.Lhs {
		if id, ok := lhs.(*ast.Ident); ok {
			if obj := c.pass.TypesInfo.ObjectOf(id); obj != nil {
				if isError(obj.Type()) {
					errs[obj] = true
				} else {
					set[obj] = true
				}
			}
		}
	}
	// What it scans into: QueryRow(...).Scan(&exists).
	for _, rhs := range as.Rhs {
		ast.Inspect(rhs, func(n ast.Node) bool {
			if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND {
				if id, ok := ast.Unparen(u.X).(*ast.Ident); ok {
					if obj := c.pass.TypesInfo.ObjectOf(id); obj != nil {
						set[obj] = true
					}
				}
			}
			return true
		})
	}
	uses := func(cond ast.Expr, objs map[types.Object]bool) bool {
		found := false
		ast.Inspect(cond, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && objs[c.pass.TypesInfo.Uses[id]] {
				found = true
			}
			return !found
		})
		return found
	}
	succeeded := func(cond ast.Expr) bool {
		be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
		return ok && be.Op == token.EQL && types.ExprString(be.Y) == "nil" && uses(be.X, errs)
	}
	after := false
	for _, st := range block {
		if st == stmt {
			after = true
			continue
		}
		ifs, ok := st.(*ast.IfStmt)
		if !after || !ok || errorTest(ifs.Cond) || !mayReturn(ifs.Body) {
			continue
		}
		if uses(ifs.Cond, set) || succeeded(ifs.Cond) {
			return true
		}
	}
	return c.untilFound(stmt, block, func(cond ast.Expr) bool { return uses(cond, set) || uses(cond, errs) })
}

// perHandle reports whether each iteration sends its statement to a
// database of its own: the handle the call is made on is the loop's
// variable, or reached from it (for _, shard := range c.shards {
// shard.db.QueryRowContext(...) }). A scatter-gather over shards or
// replicas makes one round trip per database, which no query merges.
func (c *checker) perHandle(call *ast.CallExpr, loop ast.Stmt) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	header := loop.Pos()
	switch l := loop.(type) {
	case *ast.RangeStmt:
		header = l.Body.Pos()
	case *ast.ForStmt:
		header = l.Body.Pos()
	}
	declared := func(e ast.Expr) bool { // a variable the loop's header declares
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && loop.Pos() <= v.Pos() && v.Pos() < header {
					found = true
				}
			}
			return !found
		})
		return found
	}
	// Walk the handle's path, not the arguments of the calls on it:
	// db.Model(&item).Update(...) is made on db, whatever the item.
	x := ast.Unparen(sel.X)
	for {
		switch t := x.(type) {
		case *ast.Ident:
			return declared(t)
		case *ast.SelectorExpr:
			x = ast.Unparen(t.X)
		case *ast.IndexExpr:
			if declared(t.Index) {
				return true // c.shards[i]
			}
			x = ast.Unparen(t.X)
		case *ast.CallExpr:
			s, ok := ast.Unparen(t.Fun).(*ast.SelectorExpr)
			if !ok {
				return false
			}
			x = ast.Unparen(s.X)
		default:
			return false
		}
	}
}

// mayReturn reports whether a block returns on some path: it ends by
// leaving the loop, or holds a return (if err == nil { if allowed {
// return u }; err = errProhibited }). A return on an error does not
// count: if len(props) > 0 { if err := decode(props); err != nil {
// return err } } goes on with the next item.
func mayReturn(b *ast.BlockStmt) bool {
	if leaves(b) {
		return true
	}
	found := false
	ast.Inspect(b, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if errorTest(n.Cond) {
				if n.Else != nil && mayReturn(&ast.BlockStmt{List: []ast.Stmt{n.Else}}) {
					found = true
				}
				return false
			}
		case *ast.ReturnStmt:
			found = true
		}
		return !found
	})
	return found
}

// untilFound reports whether the statements after the call's leave the
// loop, unless a test of what the call returned continues it first: the
// loop tries one item after another until the call finds one.
//
//	for _, aud := range audiences {
//		c, err := GetClient(ctx, aud)
//		if errors.Is(err, ErrNotFound) {
//			continue
//		} else if err != nil {
//			return err
//		}
//		found = c
//		break
//	}
func (c *checker) untilFound(stmt ast.Stmt, block []ast.Stmt, tests func(ast.Expr) bool) bool {
	i := slices.Index(block, stmt)
	if i < 0 || i == len(block)-1 || !leaves(&ast.BlockStmt{List: block}) {
		return false
	}
	missed := false // a test of the call's result continues the loop
	for _, st := range block[i+1 : len(block)-1] {
		if !continues(st) {
			continue
		}
		ifs, ok := st.(*ast.IfStmt)
		if !ok || !tests(ifs.Cond) || !continues(ifs.Body) {
			return false // the loop goes on for another reason
		}
		missed = true
		for els := ifs.Else; els != nil; {
			switch e := els.(type) {
			case *ast.IfStmt:
				els = e.Else
				if continues(e.Body) && !tests(e.Cond) {
					return false
				}
				continue
			case *ast.BlockStmt:
				if continues(e) {
					return false
				}
			}
			break
		}
	}
	return missed
}

// dispatched reports whether the call runs only for one value of the
// loop's own variable, compared with a constant: the loop dispatches on
// the names it walks (the paths of an update mask, the keys of a form)
// and each branch does its own thing once, not the same query per item.
//
//	for _, path := range req.UpdateMask.Paths {
//		switch path {
//		case "pinned":
//			store.UpsertOrganizer(ctx, ...)
func (c *checker) dispatched(cur inspector.Cursor, loop ast.Stmt) bool {
	rs, ok := loop.(*ast.RangeStmt)
	if !ok {
		return false
	}
	info := c.pass.TypesInfo
	vars := make(map[types.Object]bool)
	for _, e := range []ast.Expr{rs.Key, rs.Value} {
		if id, ok := e.(*ast.Ident); ok && info.Defs[id] != nil {
			vars[info.Defs[id]] = true
		}
	}
	loopVar := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && vars[info.Uses[id]]
	}
	constant := func(e ast.Expr) bool { return info.Types[e].Value != nil }
	for p := cur.Parent(); p.Node() != nil && p.Node() != loop; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.IfStmt:
			be, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
			if ok && be.Op == token.EQL && c.inBody(cur, n.Body) &&
				(loopVar(be.X) && constant(be.Y) || loopVar(be.Y) && constant(be.X)) {
				return true
			}
		case *ast.CaseClause:
			sw, ok := p.Parent().Parent().Node().(*ast.SwitchStmt)
			if ok && sw.Tag != nil && loopVar(sw.Tag) && len(n.List) > 0 && !slices.ContainsFunc(n.List, func(e ast.Expr) bool { return !constant(e) }) {
				return true
			}
		}
	}
	return false
}

// batched reports whether each iteration hands the call a batch of items
// rather than one: the loop walks chunks of a list (for _, chunk := range
// lo.Chunk(ids, 50), for chunk := range slices.Chunk(ids, 50)) and the
// call, or a call of its chain, gets the chunk, a pointer to it, the chunk
// wrapped (pq.Array(chunk)) or a list made from it in the iteration
// (ids := lo.Map(chunk, ...)); or it gets a
// window of a list (xs[i:end]). The loop is the batching, one round trip
// per chunk. A chunk spread into a variadic call (Exec(q, row...)) is one
// row's values, and a []byte one value: those stay per item.
func (c *checker) batched(call *ast.CallExpr, loop ast.Stmt) bool {
	info := c.pass.TypesInfo
	chunks := make(map[types.Object]bool)
	if rs, ok := loop.(*ast.RangeStmt); ok {
		for _, e := range []ast.Expr{rs.Key, rs.Value} {
			if id, ok := e.(*ast.Ident); ok && info.Defs[id] != nil && isList(info.Defs[id].Type()) {
				chunks[info.Defs[id]] = true
			}
		}
	}
	body := loopBody(loop)
	// The lists the iteration makes from a chunk: ids := lo.Map(chunk, f).
	mentions := func(e ast.Expr) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && chunks[info.Uses[id]] {
				found = true
			}
			return !found
		})
		return found
	}
	if len(chunks) > 0 {
		ast.Inspect(body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != len(as.Rhs) {
				return true
			}
			for i, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok && info.Defs[id] != nil && isList(info.Defs[id].Type()) && mentions(as.Rhs[i]) {
					chunks[info.Defs[id]] = true
				}
			}
			return true
		})
	}
	var batch func(a ast.Expr) bool
	batch = func(a ast.Expr) bool {
		a = ast.Unparen(a)
		if u, ok := a.(*ast.UnaryExpr); ok && u.Op == token.AND {
			a = ast.Unparen(u.X)
		}
		switch a := a.(type) {
		case *ast.SliceExpr:
			return isList(info.TypeOf(a))
		case *ast.Ident:
			return chunks[info.Uses[a]]
		case *ast.CallExpr: // pq.Array(chunk)
			return len(a.Args) == 1 && !a.Ellipsis.IsValid() && batch(a.Args[0])
		}
		return false
	}
	// The call and the calls of its chain: db.Where("id IN ?", ids).Delete(&T{}).
	for e := ast.Expr(call); ; {
		cl, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return false
		}
		for i, a := range cl.Args {
			if cl.Ellipsis.IsValid() && i == len(cl.Args)-1 {
				continue
			}
			if batch(a) {
				return true
			}
		}
		sel, ok := ast.Unparen(cl.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		e = sel.X
	}
}

// isList reports whether t is a slice of anything but bytes: a list of
// items, not one value.
func isList(t types.Type) bool {
	if t == nil {
		return false
	}
	sl, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := sl.Elem().Underlying().(*types.Basic)
	return !ok || b.Kind() != types.Byte
}

// leaves reports whether a block ends by leaving the loop: a return or a
// break.
func leaves(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch st := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return st.Tok == token.BREAK && st.Label == nil
	}
	return false
}

// leavesAfter reports whether the loop is left right after the call: a
// return, or a break of this loop, follows it in a block on the way up to
// the loop's body. The call then runs once, for the item found:
//
//	for _, a := range attrs {
//		if a.Key == "src" {
//			load(a.Val)
//			break
//		}
//	}
func leavesAfter(cur inspector.Cursor, loop ast.Stmt) bool {
	// The path from the loop down to the call.
	var path []ast.Node
	for p := cur; p.Node() != nil && p.Node() != loop; p = p.Parent() {
		if _, ok := p.Node().(*ast.FuncLit); ok {
			return false
		}
		path = append(path, p.Node())
	}
	slices.Reverse(path)
	breaks := true // an unlabeled break still leaves this loop
	for i, n := range path[:max(len(path)-1, 0)] {
		var list []ast.Stmt
		switch n := n.(type) {
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.ForStmt, *ast.RangeStmt:
			breaks = false
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		}
		after := false
		for _, st := range list {
			if st == path[i+1] {
				after = true
				continue
			}
			if !after {
				continue
			}
			if continues(st) {
				break // if err != nil { continue }: the loop may go on
			}
			switch st := st.(type) {
			case *ast.ReturnStmt:
				return true
			case *ast.BranchStmt:
				if st.Tok.String() == "break" && st.Label == nil && breaks {
					return true
				}
			}
		}
	}
	return false
}

// exitsOnSuccess reports whether a loop body leaves the loop by a path
// that is not an error path: a break or return at its top level, or under
// a condition (or an else branch) that is not a bare error test. A probe
// for the first free name, if exist := lookup(name); !exist { return name },
// stops at its first miss.
func exitsOnSuccess(body *ast.BlockStmt) bool {
	for _, st := range body.List {
		switch st := st.(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.BranchStmt:
			if st.Tok.String() == "break" && st.Label == nil {
				return true
			}
		case *ast.IfStmt:
			if ifExitsOnSuccess(st) {
				return true
			}
		}
	}
	return false
}

func ifExitsOnSuccess(st *ast.IfStmt) bool {
	if !errorTest(st.Cond) && exitsOnSuccess(st.Body) {
		return true
	}
	switch e := st.Else.(type) {
	case *ast.IfStmt:
		return ifExitsOnSuccess(e)
	case *ast.BlockStmt:
		return exitsOnSuccess(e)
	}
	return false
}

// errorTest reports whether a condition is a bare error test, err != nil:
// the way out of a loop on failure. err != nil || IsNotExist(err) also
// tests for a result.
func errorTest(cond ast.Expr) bool {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	return ok && be.Op == token.NEQ && types.ExprString(be.Y) == "nil"
}

// preparedInTx reports whether the call executes a prepared statement
// that does not clearly come from the database handle itself: one
// prepared on a transaction (tx.Prepare, tx.Stmt), or of unknown origin.
func (c *checker) preparedInTx(call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Signature().Recv() == nil || knowledge.TypeName(fn.Signature().Recv().Type()) != knowledge.StatementType {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return true
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return true
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil {
		return true
	}
	ws := c.fx.Index().Writes(v)
	if len(ws) != 1 || ws[0].RHS == nil {
		return true
	}
	prepare, ok := ast.Unparen(ws[0].RHS).(*ast.CallExpr)
	if !ok {
		return true
	}
	on, _ := typeutil.Callee(c.pass.TypesInfo, prepare).(*types.Func)
	return !knowledge.PoolPrepares[knowledge.FuncName(on)]
}

// migration reports whether a name is that of schema or data migrations,
// or of maintenance (a package, a file, a function): code that runs once
// per deployment, or that an operator or a timer runs now and then to
// clean up or check the data (cleanup, doctor, expired rows), where a
// statement per item is the norm and no request waits for it.
func migration(name string) bool {
	name = strings.ToLower(name)
	return strings.Contains(name, "migrat") || strings.HasPrefix(name, "upgrade") ||
		strings.HasPrefix(name, "clean") || strings.Contains(name, "cleanup") ||
		strings.Contains(name, "expired") || strings.Contains(name, "doctor") || name == "cron"
}

// oneOff reports whether call is in migration or maintenance code, or in a command-line
// program (package main, or a package under cmd/ or cli/): code an operator runs
// now and then, where a statement per item costs seconds once and no
// request waits for it.
func (c *checker) oneOff(cur inspector.Cursor) bool {
	return c.runBy(cur, migration)
}

// commandOrMaintenance reports whether the code at cur is a command-line
// program's, or maintenance an operator or a timer runs (cron, doctor,
// cleanup): what makes its callees one-off code too. Not a migration:
// importing a repository from another forge is one, run for a user.
func (c *checker) commandOrMaintenance(cur inspector.Cursor) bool {
	return c.runBy(cur, maintenance)
}

// runBy reports whether the code at cur is a command-line program's, or
// whether its package, file or function has a name kind accepts.
func (c *checker) runBy(cur inspector.Cursor, kind func(name string) bool) bool {
	elems := strings.Split(c.pass.Pkg.Path(), "/")
	if c.pass.Pkg.Name() == "main" || slices.Contains(elems, "cmd") || slices.Contains(elems, "cli") {
		return true
	}
	if slices.ContainsFunc(elems, kind) || kind(filepath.Base(c.pass.Fset.Position(cur.Node().Pos()).Filename)) {
		return true
	}
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return kind(fd.Node().(*ast.FuncDecl).Name.Name)
	}
	return false
}

// maintenance reports whether a name is that of maintenance code: see
// migration.
func maintenance(name string) bool {
	return migration(name) && !strings.Contains(strings.ToLower(name), "migrat") && !strings.HasPrefix(strings.ToLower(name), "upgrade")
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
