package cachestale

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/crisislint/crisislint/internal/cacheops"
	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
)

// Analyzer reports cached database rows that never expire or that
// updates leave in place.
var Analyzer = &analysis.Analyzer{
	Name:     "cachestale",
	Doc:      Doc.String(),
	URL:      Doc.URL(),
	Requires: []*analysis.Analyzer{cacheops.Analyzer, effects.Analyzer},
	Run:      report.Guard(run),
}

type checker struct {
	pass *analysis.Pass
	co   *cacheops.Result
	fx   *effects.Result
	rep  *report.Reporter
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{
		pass: pass,
		co:   pass.ResultOf[cacheops.Analyzer].(*cacheops.Result),
		fx:   pass.ResultOf[effects.Analyzer].(*effects.Result),
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
			c.forever(top, op)
		}
		c.updates(top)
	}
	c.rep.Flush()
	return nil, nil
}

// forever reports a write without expiry of a value loaded from the
// database.
func (c *checker) forever(top ast.Node, op *cacheops.Op) {
	if op.Expiry != cacheops.Forever {
		return
	}
	var loaded bool
	switch op.Kind {
	case cacheops.Set:
		_, loaded = c.co.Loaded(top, op.Value, op.Call.Pos())
	case cacheops.Aside:
		loaded = c.loaderLoads(op.Loader)
	}
	if !loaded || c.expiredAfter(top, op) {
		return
	}
	where := ""
	if op.TTL == nil && !op.Direct() {
		where = ", inside " + op.Via
	}
	msg := fmt.Sprintf("%s caches %s, loaded from the database, with no expiry%s: when the row changes and an update path misses the key, readers get the old value until the cache is flushed; give the key an expiry (and delete it where the row is updated)",
		c.name(op), c.what(op), where)
	f := report.Finding{Pos: op.Call.Pos(), End: op.Call.End(), Message: msg, Severity: report.Warning}
	if edits, ok := cacheops.AddExpiry(c.pass, op); ok {
		f.Fixes = []analysis.SuggestedFix{{Message: "Expire the key after an hour, with jitter", TextEdits: edits}}
	} else if where != "" {
		f.Root, f.Also = "expiry of "+op.Via, "calls of "+op.Via
	}
	c.rep.Add(f)
}

// expiredAfter reports whether the function gives the key written an
// expiry after writing it: SET then EXPIRE, also in a pipeline.
func (c *checker) expiredAfter(top ast.Node, set *cacheops.Op) bool {
	for _, op := range c.co.Ops(top) {
		if op.Kind == cacheops.Expire && op.Call.Pos() > set.Call.Pos() && op.Expiry != cacheops.Forever && cacheops.SameKey(set, op) {
			return true
		}
	}
	return false
}

// loaderLoads reports whether a get-or-load's loader reads the database.
func (c *checker) loaderLoads(loader ast.Expr) bool {
	switch l := ast.Unparen(loader).(type) {
	case *ast.FuncLit:
		s := c.fx.Lit(l)
		return s.Has(effects.DB)
	case *ast.Ident, *ast.SelectorExpr:
		obj := cacheops.Referent(c.pass.TypesInfo, l)
		if fn, ok := obj.(*types.Func); ok {
			s := c.fx.Func(fn)
			return s.Has(effects.DB)
		}
	}
	return false
}

// updates reports the writes of rows of a cached entity that a function
// leaves cached, where the function is the one to invalidate them: the
// program calls it nowhere (otherwise its callers are judged instead).
func (c *checker) updates(top ast.Node) {
	if c.co.Called(top) {
		return
	}
	for _, w := range c.co.Writes(top) {
		shapes := c.co.ShapesOf(w.Entity)
		if len(shapes) == 0 || c.co.Covered(top, w) {
			continue
		}
		what := "changes rows of " + w.Entity
		if w.Via != "" {
			what += " (in " + w.Via + ")"
		}
		keys := "the key"
		if len(shapes) > 1 {
			keys = "the keys"
		}
		msg := fmt.Sprintf("%s %s, which the program caches under %s, and nothing here deletes %s afterwards: readers get the old row until it expires; delete %s (%s) after the write",
			callName(w.Call), what, quoted(shapes), keys, keys, keysToDelete(shapes))
		f := report.Finding{Pos: w.Call.Pos(), End: w.Call.End(), Message: msg, Severity: report.Warning}
		if w.Via != "" {
			f.Root, f.Also = "stale "+w.Entity+" through "+w.Via, "calls of "+w.Via
		}
		c.rep.Add(f)
	}
}

func quoted(shapes []string) string {
	q := make([]string, len(shapes))
	for i, s := range shapes {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, " and ")
}

// keysToDelete says which keys to delete: the shapes with their varying
// parts named.
func keysToDelete(shapes []string) string {
	out := make([]string, len(shapes))
	for i, s := range shapes {
		out[i] = strings.ReplaceAll(s, "*", "<id>")
	}
	return strings.Join(out, ", ")
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
	return "a value"
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
