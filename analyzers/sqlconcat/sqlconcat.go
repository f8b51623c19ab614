package sqlconcat

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

//go:embed doc.go
var doc string

// Analyzer reports SQL text built from non-constant strings.
var Analyzer = &analysis.Analyzer{
	Name:      "sqlconcat",
	Doc:       analyzerdoc.MustExtract(doc, "sqlconcat"),
	URL:       "https://github.com/crisislint/crisislint/tree/main/analyzers/sqlconcat",
	Run:       report.Guard(run),
	FactTypes: []analysis.Fact{new(sinkFact), new(textFact), new(usesSQLFact)},
}

func run(pass *analysis.Pass) (any, error) {
	if !usesSQL(pass) {
		return nil, nil
	}
	c := &checker{
		pass:  pass,
		index: strexpr.NewIndex(pass.Files, pass.TypesInfo),
		sinks: make(map[*types.Func]*sinkFact),
		texts: make(map[*types.Func]*textFact),
		iface: make(map[*types.Func]*knowledge.SQLSink),
	}
	c.ev = &strexpr.Evaluator{Info: pass.TypesInfo, Index: c.index, Call: c.helperText}
	// An inspector of our own rather than inspect.Analyzer's: drivers keep
	// every Requires result alive until the whole run ends, and on a large
	// program those tables cost more memory than the analysis itself.
	c.calls = c.sinkCalls(inspector.New(pass.Files))

	c.summarize()
	for fn, f := range c.sinks {
		pass.ExportObjectFact(fn, f)
	}
	for fn, f := range c.texts {
		pass.ExportObjectFact(fn, f)
	}
	if len(c.sinks)+len(c.texts) > 0 {
		pass.ExportPackageFact(new(usesSQLFact))
	}

	for _, sc := range c.calls {
		c.check(sc)
	}
	return nil, nil
}

// usesSQL reports whether the package can reach a SQL sink: it imports a
// SQL library, or a package that does (marked by usesSQLFact).
func usesSQL(pass *analysis.Pass) bool {
	for _, imp := range pass.Pkg.Imports() {
		for _, lib := range knowledge.SQLLibraryPackages {
			if imp.Path() == lib {
				return true
			}
		}
		if pass.ImportPackageFact(imp, new(usesSQLFact)) {
			return true
		}
	}
	return false
}

type checker struct {
	pass  *analysis.Pass
	index *strexpr.Index
	ev    *strexpr.Evaluator
	calls []sinkCall

	sinks map[*types.Func]*sinkFact // wrappers declared in this package
	texts map[*types.Func]*textFact // SQL-building helpers declared in this package
	iface map[*types.Func]*knowledge.SQLSink

	dialect knowledge.Dialect // the package's placeholder style, once known
}

// sinkCall is a call that sends SQL text, and the function it is in.
type sinkCall struct {
	call *ast.CallExpr
	fn   *types.Func   // the callee
	decl *ast.FuncDecl // the enclosing declaration, nil at package level
}

// sinkCalls finds the calls that may send SQL: to a library sink, to a
// method of an interface a sink implements, or to any function declared
// in the package or with facts (whether it is a wrapper is known only
// after summarize).
func (c *checker) sinkCalls(insp *inspector.Inspector) []sinkCall {
	var out []sinkCall
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
		if fn == nil || fn.Pkg() == nil || !hasStringParam(fn) {
			continue
		}
		sc := sinkCall{call: call, fn: fn}
		for d := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			sc.decl = d.Node().(*ast.FuncDecl)
			break
		}
		out = append(out, sc)
	}
	return out
}

func hasStringParam(fn *types.Func) bool {
	params := fn.Signature().Params()
	for i := range params.Len() {
		if isStringish(params.At(i).Type()) {
			return true
		}
	}
	return false
}

func isStringish(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Interface:
		return u.Empty()
	}
	return false
}

// sink describes the SQL sink a call reaches.
type sink struct {
	knowledge.SQLSink
	via string // for a wrapper: the library call it passes the SQL to
}

// sinkOf returns the sink fn is: a library sink, an interface method a
// library sink implements, or a wrapper (from facts or this package).
func (c *checker) sinkOf(fn *types.Func) (sink, bool) {
	if s, ok := knowledge.LookupSQLSink(fn); ok {
		return sink{SQLSink: s}, true
	}
	if f := c.sinks[fn]; f != nil {
		return f.sink(), true
	}
	if fn.Pkg() != c.pass.Pkg {
		var f sinkFact
		if c.pass.ImportObjectFact(fn, &f) {
			return f.sink(), true
		}
	}
	s, seen := c.iface[fn]
	if !seen {
		if found, ok := knowledge.LookupInterfaceSQLSink(fn); ok {
			s = &found
		}
		c.iface[fn] = s
	}
	if s != nil {
		return sink{SQLSink: *s}, true
	}
	return sink{}, false
}

// summarize finds this package's wrappers (functions that pass a string
// parameter on as SQL text) and SQL-building helpers (functions that
// return SQL), until they stop changing: a wrapper may call a wrapper.
func (c *checker) summarize() {
	for range 4 {
		changed := false
		for _, sc := range c.calls {
			if sc.decl == nil || c.pass.TypesInfo.Defs[sc.decl.Name] == nil {
				continue
			}
			s, ok := c.sinkOf(sc.fn)
			if !ok || s.Query >= len(sc.call.Args) {
				continue
			}
			owner := c.pass.TypesInfo.Defs[sc.decl.Name].(*types.Func)
			parts := c.ev.Eval(sc.call.Args[s.Query])
			if p, ok := leadingParam(parts, owner); ok && c.sinks[owner] == nil {
				c.sinks[owner] = &sinkFact{
					Query:   p,
					Args:    forwardedArgs(c.pass.TypesInfo, sc.call, s, owner),
					Library: s.Library,
					Dialect: s.Dialect,
					Via:     callName(sc.call),
				}
				changed = true
			}
		}
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
				if fn == nil || c.texts[fn] != nil {
					continue
				}
				if t := c.returnedText(fd, fn); t != nil {
					c.texts[fn] = t
					changed = true
				}
			}
		}
		if !changed {
			return
		}
	}
}

// leadingParam reports whether the SQL text starts with a string parameter
// of fn: then fn passes SQL written by its callers on.
func leadingParam(parts []strexpr.Part, fn *types.Func) (int, bool) {
	if len(parts) == 0 || parts[0].Kind != strexpr.Dynamic || parts[0].Origin != strexpr.Param || parts[0].Folded {
		return 0, false
	}
	params := fn.Signature().Params()
	for i := range params.Len() {
		if params.At(i) == parts[0].Param && isStringish(params.At(i).Type()) {
			if b, ok := params.At(i).Type().Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
				return i, true
			}
		}
	}
	return 0, false
}

// forwardedArgs returns the index of owner's variadic parameter when the
// call forwards it as the sink's placeholder values (args...), else -1.
func forwardedArgs(info *types.Info, call *ast.CallExpr, s sink, owner *types.Func) int {
	sig := owner.Signature()
	if s.Args < 0 || !call.Ellipsis.IsValid() || !sig.Variadic() || len(call.Args) != s.Args+1 {
		return -1
	}
	id, ok := ast.Unparen(call.Args[s.Args]).(*ast.Ident)
	last := sig.Params().Len() - 1
	if ok && info.Uses[id] == sig.Params().At(last) {
		return last
	}
	return -1
}

// check reports a sink call whose SQL text splices in a value or a name
// that is not safe.
func (c *checker) check(sc sinkCall) {
	s, ok := c.sinkOf(sc.fn)
	if !ok || s.Query >= len(sc.call.Args) {
		return
	}
	if report.IsTestCode(c.pass, sc.call.Pos()) {
		return // injection needs an attacker; tests have none
	}
	q := sc.call.Args[s.Query]
	if s.AnyArg && !isString(c.pass.TypesInfo.TypeOf(q)) {
		return
	}
	parts := c.ev.Eval(q)
	var owner *types.Func
	if sc.decl != nil {
		owner, _ = c.pass.TypesInfo.Defs[sc.decl.Name].(*types.Func)
	}
	start := 0
	if owner != nil {
		if _, ok := leadingParam(parts, owner); ok {
			start = 1 // the wrapper's own SQL text: its callers are checked
		}
	}
	holes := flagged(parts, start)
	if len(holes) == 0 {
		return
	}
	first := parts[holes[0]]
	name := callName(sc.call)
	if s.via != "" {
		name += " (which passes it to " + s.via + ")"
	}
	from := describe(first)
	if n := len(holes) - 1; n > 0 {
		from += fmt.Sprintf(" (and %d more %s)", n, plural(n, "part", "parts"))
	}
	var msg string
	switch where := position(parts, holes[0]); {
	case where.value && (where.list || first.Folded):
		msg = fmt.Sprintf("%s runs SQL built from %s: whoever controls it can rewrite the query (SQL injection); pass the values as arguments: one array argument (= ANY($1)) in PostgreSQL, or one placeholder per value (sqlx.In)",
			name, from)
	case where.value:
		msg = fmt.Sprintf("%s runs SQL built from %s: whoever controls it can rewrite the query (SQL injection); pass it as an argument with a %s placeholder",
			name, from, c.placeholderWord(s, parts))
	default:
		msg = fmt.Sprintf("%s runs SQL built from %s as a table or column name: whoever controls it can rewrite the query (SQL injection); placeholders cannot bind names, so check it against an allowlist of names or quote it",
			name, from)
	}
	d := analysis.Diagnostic{Pos: q.Pos(), End: q.End(), Message: msg}
	if fix, ok := c.fix(sc, s, q, parts); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	report.Report(c.pass, d)
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// flagged returns the indexes of the parts, from start on, that make the
// SQL injectable: every dynamic value but configuration, and every
// dynamic name that comes from a parameter or from user input.
func flagged(parts []strexpr.Part, start int) []int {
	var out []int
	for i := start; i < len(parts); i++ {
		p := parts[i]
		if p.Kind != strexpr.Dynamic {
			continue
		}
		value := position(parts, i).value && p.Origin != strexpr.Global
		if value || p.Origin == strexpr.Param || p.Origin == strexpr.Input {
			out = append(out, i)
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// callName names the function a call calls as the code spells it:
// "db.QueryContext", "s.store.raw".
func callName(call *ast.CallExpr) string {
	s := types.ExprString(call.Fun)
	if len(s) > 40 {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return sel.Sel.Name
		}
	}
	return s
}

// describe names the origin of a dynamic part for a message.
func describe(p strexpr.Part) string {
	why := p.Why
	if len(why) > 60 {
		why = why[:57] + "..."
	}
	switch p.Origin {
	case strexpr.Input:
		return "user input " + why
	case strexpr.Param, strexpr.Field, strexpr.Call, strexpr.Global:
		return why
	}
	return why
}
