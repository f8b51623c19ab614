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

	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer reports database round trips made in each iteration of a loop.
var Analyzer = &analysis.Analyzer{
	Name:     "queryinloop",
	Doc:      Doc.String(),
	URL:      Doc.URL(),
	Requires: []*analysis.Analyzer{effects.Analyzer},
	Run:      report.Guard(run),
}

// smallLoop is the largest constant number of iterations that is not a
// collection: a loop over 3 tables or 5 retries is not an N+1.
const smallLoop = 16

func run(pass *analysis.Pass) (any, error) {
	fx := pass.ResultOf[effects.Analyzer].(*effects.Result)
	if fx.Panic != "" {
		report.Internal(pass, "effects panicked on package "+pass.Pkg.Path()+": "+fx.Panic)
	}
	if !fx.Has(effects.DB) && !fx.Has(effects.Redis) {
		return nil, nil // no function here talks to a database
	}
	c := &checker{pass: pass, fx: fx}
	graphql := slices.ContainsFunc(pass.Pkg.Imports(), func(p *types.Package) bool {
		return slices.Contains(knowledge.GraphQLPackages, p.Path())
	})
	for cur := range inspector.New(pass.Files).Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if _, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
			continue // func() {...}(): its own calls are reported
		}
		if report.IsTestCode(pass, call.Pos()) || c.oneOff(cur) {
			continue
		}
		var loop ast.Stmt
		for _, l := range c.loopsOf(cur) {
			if !leavesAfter(cur, l) && !c.memoized(cur, l) {
				loop = l // each iteration of l runs the call
				break
			}
		}
		if loop == nil {
			continue
		}
		// A lazy loader's query, an error path's or a worker's is not made
		// per item: the loop around its call is no N+1.
		set := fx.Call(call).Without(effects.Lazy | effects.ErrorPath | effects.Worker)
		e := set[effects.DB]
		what, unit := "query", "round trips"
		if e == nil {
			e, what = set[effects.Redis], "redis command"
		}
		if e == nil || c.preparedInTx(call) {
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
		report.Node(pass, call, fmt.Sprintf("%s in a loop runs one %s per iteration%s: N items cost N %s (N+1); %s",
			name, what, how, unit, remedy))
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	fx   *effects.Result
}

// loopsOf returns the loops, innermost first, each iteration of which
// runs the call at cur. A function literal in a loop runs per iteration
// when it is called at once, started with go, deferred, or handed to a
// call (errgroup.Go, a transaction callback); a literal that is stored is
// not.
func (c *checker) loopsOf(cur inspector.Cursor) []ast.Stmt {
	var loops []ast.Stmt
	for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.FuncDecl:
			return loops
		case *ast.FuncLit:
			call, ok := p.Parent().Node().(*ast.CallExpr)
			if !ok || call.Fun != n && c.fx.Stores(call) {
				return loops // stored (append(fns, func() {...})), returned, assigned
			}
		case *ast.ForStmt:
			if c.inBody(cur, n.Body) && c.iterates(n) {
				loops = append(loops, n)
			}
		case *ast.RangeStmt:
			if c.inBody(cur, n.Body) && c.iteratesRange(n) {
				loops = append(loops, n)
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
	if t == nil || c.configuration(loop.X, 0) {
		return false // the settings, the built-in items: configuration, not data
	}
	if tv := c.pass.TypesInfo.Types[loop.X]; tv.Value != nil {
		n, ok := constant.Int64Val(constant.ToInt(tv.Value))
		return !ok || n > smallLoop
	}
	if lit := c.literal(loop.X); lit != nil {
		return len(lit.Elts) > smallLoop // props := map[string]string{...}
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

// memoized reports whether the call is made on an error path, on a
// per-key cache's miss, or only until a variable of the loop's function is
// set, by the same branch that makes it:
//
//	for _, u := range updates {
//		if repo == nil {
//			repo = loadRepository(ctx, owner, name)
//		}
func (c *checker) memoized(cur inspector.Cursor, loop ast.Stmt) bool {
	info := c.pass.TypesInfo
	for p := cur.Parent(); p.Node() != nil && p.Node() != loop; p = p.Parent() {
		ifs, ok := p.Node().(*ast.IfStmt)
		if !ok || !c.inBody(cur, ifs.Body) {
			continue
		}
		if c.fx.TestsError(ifs.Cond) || c.mapCache(ifs) {
			return true // an error path, or a per-key cache's miss
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
			return true
		}
	}
	return false
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

// mapCache reports whether an if statement is a per-key cache's miss:
//
//	org, ok := orgCache[name]
//	if !ok {
//		org = loadOrg(ctx, name)
//		orgCache[name] = org
//	}
func (c *checker) mapCache(ifs *ast.IfStmt) bool {
	info := c.pass.TypesInfo
	maps := make(map[types.Object]bool) // the maps the condition's variables were read from
	ast.Inspect(ifs.Cond, func(n ast.Node) bool {
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
					maps[m] = true
				}
			}
		}
		return true
	})
	found := false
	ast.Inspect(ifs.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, lhs := range as.Lhs {
				if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok && maps[info.ObjectOf(identOf(ix.X))] {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
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
// a condition that does not test an error.
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
			if !strings.Contains(types.ExprString(st.Cond), "!= nil") && exitsOnSuccess(st.Body) {
				return true
			}
		}
	}
	return false
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

// migration reports whether a name is that of schema or data migrations
// (a package, a file, a function): code that runs once per deployment,
// where a statement per item is the norm and no request waits for it.
func migration(name string) bool {
	name = strings.ToLower(name)
	return strings.Contains(name, "migrat") || strings.HasPrefix(name, "upgrade")
}

// oneOff reports whether call is in migration code.
func (c *checker) oneOff(cur inspector.Cursor) bool {
	if slices.ContainsFunc(strings.Split(c.pass.Pkg.Path(), "/"), migration) ||
		migration(filepath.Base(c.pass.Fset.Position(cur.Node().Pos()).Filename)) {
		return true
	}
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return migration(fd.Node().(*ast.FuncDecl).Name.Name)
	}
	return false
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
