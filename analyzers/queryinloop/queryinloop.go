package queryinloop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"path/filepath"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

//go:embed doc.go
var doc string

// Analyzer reports database round trips made in each iteration of a loop.
var Analyzer = &analysis.Analyzer{
	Name:     "queryinloop",
	Doc:      analyzerdoc.MustExtract(doc, "queryinloop"),
	URL:      "https://github.com/crisislint/crisislint/tree/main/analyzers/queryinloop",
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
		loop := c.loopOf(cur)
		if loop == nil || report.IsTestCode(pass, call.Pos()) || c.oneOff(cur) {
			continue
		}
		set := fx.Call(call)
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

// loopOf returns the loop whose every iteration runs the call at cur, or
// nil. A function literal in the loop runs per iteration when it is called
// at once, started with go, deferred, or handed to a call (errgroup.Go,
// a transaction callback); a literal that is stored is not.
func (c *checker) loopOf(cur inspector.Cursor) ast.Stmt {
	for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.FuncDecl:
			return nil
		case *ast.FuncLit:
			call, ok := p.Parent().Node().(*ast.CallExpr)
			if !ok || call.Fun != n && c.fx.Stores(call) {
				return nil // stored (append(fns, func() {...})), returned, assigned
			}
		case *ast.ForStmt:
			if c.inBody(cur, n.Body) && c.iterates(n) {
				return n
			}
		case *ast.RangeStmt:
			if c.inBody(cur, n.Body) && c.iteratesRange(n) {
				return n
			}
		}
	}
	return nil
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
		if loop.Init == nil {
			return false
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

// iteratesRange reports whether a range loop walks a collection: not a
// channel, and not a small constant number of items.
func (c *checker) iteratesRange(loop *ast.RangeStmt) bool {
	t := c.pass.TypesInfo.TypeOf(loop.X)
	if t == nil {
		return false
	}
	if tv := c.pass.TypesInfo.Types[loop.X]; tv.Value != nil {
		n, ok := constant.Int64Val(constant.ToInt(tv.Value))
		return !ok || n > smallLoop
	}
	if lit, ok := ast.Unparen(loop.X).(*ast.CompositeLit); ok {
		return len(lit.Elts) > smallLoop
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
	if fn == nil || fn.Signature().Recv() == nil || knowledge.TypeName(fn.Signature().Recv().Type()) != "*database/sql.Stmt" {
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
	return on == nil || on.Signature().Recv() == nil ||
		knowledge.TypeName(on.Signature().Recv().Type()) != "*database/sql.DB" || !strings.HasPrefix(on.Name(), "Prepare")
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
