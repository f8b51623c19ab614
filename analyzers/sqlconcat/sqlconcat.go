package sqlconcat

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/callindex"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/strexpr"
	"github.com/crisislint/crisislint/internal/varindex"
	"golang.org/x/tools/go/analysis"
)

// Analyzer reports SQL text built from non-constant strings.
var Analyzer = &analysis.Analyzer{
	Name:      "sqlconcat",
	Doc:       Doc.String(),
	URL:       Doc.URL(),
	Requires:  []*analysis.Analyzer{callindex.Analyzer, varindex.Analyzer},
	Run:       report.Guard(run),
	FactTypes: []analysis.Fact{new(sinkFact), new(textFact), new(usesSQLFact), new(dialectFact), new(guardFact)},
}

func run(pass *analysis.Pass) (any, error) {
	drivers := importedDialects(pass)
	c := &checker{
		pass:     pass,
		drivers:  drivers,
		index:    pass.ResultOf[varindex.Analyzer].(*strexpr.Index),
		sinks:    make(map[*types.Func]*sinkFact),
		texts:    make(map[*types.Func]*textFact),
		asked:    make(map[*types.Func]bool),
		iface:    make(map[*types.Func]*knowledge.SQLSink),
		contents: make(map[*token.File][]byte),
	}
	c.ev = &strexpr.Evaluator{Info: pass.TypesInfo, Index: c.index, Call: c.helperText, Guard: true, Validator: c.validator}
	c.exportGuards()
	if !usesSQL(pass) {
		// A package that cannot send SQL may still build it for one that
		// does (a shared sqlutil with OrderClause and Placeholders):
		// summarize its helpers, which costs a look at the functions that
		// return a string, and nothing more.
		exportDialects(pass, drivers)
		c.textsOnly = true
		for range 4 {
			if !c.summarizeTexts() {
				break
			}
		}
		for fn, f := range c.texts {
			if visible(fn) {
				pass.ExportObjectFact(fn, f)
			}
		}
		return nil, nil
	}
	c.calls = c.sinkCalls(pass.ResultOf[callindex.Analyzer].(*callindex.Index))
	exportDialects(pass, c.drivers)

	c.summarize()
	// Other packages can only call exported functions and methods: the
	// rest stay in this pass.
	exported := 0
	for fn, f := range c.sinks {
		if visible(fn) {
			pass.ExportObjectFact(fn, f)
			exported++
		}
	}
	for fn, f := range c.texts {
		if visible(fn) {
			pass.ExportObjectFact(fn, f)
			exported++
		}
	}
	if exported > 0 {
		pass.ExportPackageFact(new(usesSQLFact))
	}

	c.rep = report.New(pass)
	for _, sc := range c.calls {
		if !sc.generated { // a generated file's findings are its generator's
			c.check(sc)
		}
	}
	c.rep.Flush()
	return nil, nil
}

// visible reports whether other packages can call fn: it is exported, or
// a method (reachable through an interface).
func visible(fn *types.Func) bool {
	return fn.Exported() || fn.Signature().Recv() != nil
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
	asked map[*types.Func]bool      // functions of the package asked about while not in texts
	iface map[*types.Func]*knowledge.SQLSink
	// methodSinks are the dependencies' methods that are sinks, by name,
	// once an interface method is asked about.
	methodSinks map[string][]methodSink

	contents map[*token.File][]byte // the files whose source fixes quote

	drivers      dialects          // the styles of the drivers the package knows of
	dialect      knowledge.Dialect // the package's placeholder style, once known
	textsOnly    bool              // the package sends no SQL: only its helpers matter
	dialectKnown bool
	callers      *callers // who calls the package's functions, once asked
	rep          *report.Reporter
}

// sinkCall is a call that sends SQL text, and the function it is in.
type sinkCall struct {
	call      *ast.CallExpr
	fn        *types.Func   // the callee
	decl      *ast.FuncDecl // the enclosing declaration, nil at package level
	generated bool          // in a generated file: summarized for facts, not checked
}

// sinkCalls finds the calls that may send SQL: to a library sink, to a
// method of an interface a sink implements, or to any function declared
// in the package or with facts (whether it is a wrapper is known only
// after summarize).
func (c *checker) sinkCalls(calls *callindex.Index) []sinkCall {
	var generated []*ast.File
	for _, f := range c.pass.Files {
		if report.Generated(c.pass, f) {
			generated = append(generated, f)
		}
	}
	var out []sinkCall
	for _, ic := range calls.All() {
		fn := ic.Callee
		if fn.Pkg() == nil || !hasStringParam(fn) {
			continue
		}
		c.drivers |= dialectBit(openedDialect(c.pass.TypesInfo, ic.Expr, fn))
		sc := sinkCall{call: ic.Expr, fn: fn, decl: ic.Decl}
		for _, f := range generated {
			if f.FileStart <= ic.Expr.Pos() && ic.Expr.Pos() < f.FileEnd {
				sc.generated = true
			}
		}
		out = append(out, sc)
	}
	return out
}

func hasStringParam(fn *types.Func) bool {
	sig := fn.Signature()
	params := sig.Params()
	for i := range params.Len() {
		t := params.At(i).Type()
		if sig.Variadic() && i == params.Len()-1 {
			t = t.(*types.Slice).Elem() // gorm's Distinct(args ...any)
		}
		if isStringish(t) || hasStringField(t) {
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
	knowledge.SQLSink        // Query is -1 for a function that passes on names only
	names             []int  // parameters the function splices into SQL as names
	conds             []int  // of names, those it splices in as conditions
	via               string // for a wrapper: the call it passes the SQL to
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
	if f := c.implSink(fn); f != nil {
		return f.sink(), true
	}
	return sink{}, false
}

// methodSink is a method that is a sink, and the fact that says so.
type methodSink struct {
	fn   *types.Func
	fact *sinkFact
}

// implSink returns the sink an interface method is when a type of the
// program that implements the interface has that method as a wrapper
// sink: a handler that calls store.Raw(ctx, where) on a Store interface
// reaches (*PG).Raw, which splices where into SQL. The implementations
// are this package's and those of its dependencies, through facts.
func (c *checker) implSink(fn *types.Func) *sinkFact {
	recv := fn.Signature().Recv()
	if recv == nil {
		return nil
	}
	iface, ok := recv.Type().Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	if c.methodSinks == nil {
		c.methodSinks = make(map[string][]methodSink)
		for _, of := range c.pass.AllObjectFacts() {
			m, isFn := of.Object.(*types.Func)
			f, isSink := of.Fact.(*sinkFact)
			if isFn && isSink && m.Signature().Recv() != nil {
				c.methodSinks[m.Name()] = append(c.methodSinks[m.Name()], methodSink{m, f})
			}
		}
		for _, ms := range c.methodSinks {
			slices.SortFunc(ms, func(a, b methodSink) int { return strings.Compare(a.fn.FullName(), b.fn.FullName()) })
		}
	}
	implements := func(m *types.Func) bool {
		t := m.Signature().Recv().Type()
		if _, isIface := t.Underlying().(*types.Interface); isIface {
			return false
		}
		return types.Implements(t, iface) || !isPointer(t) && types.Implements(types.NewPointer(t), iface)
	}
	for _, m := range c.methodSinks[fn.Name()] {
		if implements(m.fn) {
			return m.fact
		}
	}
	// This package's wrappers, known once summarize has found them.
	var local []*types.Func
	for m := range c.sinks {
		if m.Name() == fn.Name() && m.Signature().Recv() != nil && implements(m) {
			local = append(local, m)
		}
	}
	if len(local) == 0 {
		return nil
	}
	slices.SortFunc(local, func(a, b *types.Func) int { return strings.Compare(a.FullName(), b.FullName()) })
	return c.sinks[local[0]]
}

func isPointer(t types.Type) bool {
	_, ok := t.(*types.Pointer)
	return ok
}

// summarize finds this package's wrappers (functions that pass a string
// parameter on as SQL text, or splice it into SQL as a table or column
// name) and SQL-building helpers (functions that return SQL), until they
// stop changing: a wrapper may call a wrapper.
func (c *checker) summarize() {
	for range 4 {
		changed := false
		for _, sc := range c.calls {
			owner := c.ownerOf(sc)
			s, ok := c.sinkOf(sc.fn)
			if owner == nil || !ok {
				continue
			}
			if s.Query >= 0 && s.Query < len(sc.call.Args) {
				parts := c.sqlText(sc.call.Args[s.Query])
				if p, ok := leadingParam(parts, owner); ok {
					f := c.sinkFactOf(owner)
					if f.Query < 0 {
						f.Query, f.Args = p, forwardedArgs(c.pass.TypesInfo, sc.call, s, owner)
						f.Library, f.Dialect, f.Via = s.Library, s.Dialect, callName(sc.call)
						changed = true
					}
					parts = parts[1:]
				}
				for i, part := range parts {
					if w := position(parts, i); !w.value && c.deferred(part, owner) {
						changed = c.addName(owner, part, w.cond || s.Cond && i == 0, s, sc.call) || changed
					}
				}
			}
			for _, j := range s.names {
				if j < len(sc.call.Args) {
					for _, part := range c.sqlText(sc.call.Args[j]) {
						if c.deferred(part, owner) {
							changed = c.addName(owner, part, slices.Contains(s.conds, j), s, sc.call) || changed
						}
					}
				}
			}
		}
		if c.summarizeTexts() {
			changed = true
		}
		if !changed {
			return
		}
	}
}

// summarizeTexts finds the package's SQL-building helpers not yet known.
// It reports whether another round may find more: a helper found now was
// asked about before it was known.
func (c *checker) summarizeTexts() bool {
	changed := false
	defer clear(c.asked)
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
				changed = changed || c.asked[fn]
			}
		}
	}
	return changed
}

// ownerOf returns the function declaration a sink call is in, or nil.
func (c *checker) ownerOf(sc sinkCall) *types.Func {
	if sc.decl == nil {
		return nil
	}
	fn, _ := c.pass.TypesInfo.Defs[sc.decl.Name].(*types.Func)
	return fn
}

func (c *checker) sinkFactOf(fn *types.Func) *sinkFact {
	f := c.sinks[fn]
	if f == nil {
		f = &sinkFact{Query: -1, Args: -1}
		c.sinks[fn] = f
	}
	return f
}

// addName records that owner splices the parameter of part into SQL as a
// name, or as a condition. It reports whether that is new.
func (c *checker) addName(owner *types.Func, part strexpr.Part, cond bool, s sink, call *ast.CallExpr) bool {
	i := paramIndex(owner, part.Param)
	f := c.sinkFactOf(owner)
	if slices.Contains(f.Names, i) {
		return false
	}
	f.Names = append(f.Names, i)
	slices.Sort(f.Names)
	if cond {
		f.Conds = append(f.Conds, i)
		slices.Sort(f.Conds)
	}
	if f.Via == "" {
		f.Library, f.Dialect, f.Via = s.Library, s.Dialect, callName(call)
	}
	return true
}

func paramIndex(fn *types.Func, v *types.Var) int {
	params := fn.Signature().Params()
	for i := range params.Len() {
		if params.At(i) == v {
			return i
		}
	}
	return -1
}

// deferred reports whether a dynamic part spliced in as a name is a
// parameter of owner whose callers can all be checked instead: owner is
// only ever called directly (by this package, or, exported, by others
// through facts). A table or column name passed down from the caller is
// the caller's to choose, and most callers pass constants.
func (c *checker) deferred(p strexpr.Part, owner *types.Func) bool {
	return p.Kind == strexpr.Dynamic && fromParam(p) && p.Param != nil &&
		paramIndex(owner, p.Param) >= 0 && !c.callersOf().escapes[owner]
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
	if !ok || report.IsTestCode(c.pass, sc.call.Pos()) {
		return // injection needs an attacker; tests have none
	}
	owner := c.ownerOf(sc)
	name := callName(sc.call)
	if s.via != "" {
		name += " (which passes it to " + s.via + ")"
	}
	// Names the callee splices in: a finding at the first one an
	// attacker may choose, unless the SQL text itself has one (below).
	var nameArg ast.Expr
	var namePart strexpr.Part
	nameCond := false
	names := 0
	for _, j := range s.names {
		if j >= len(sc.call.Args) {
			continue
		}
		for _, part := range c.sqlText(sc.call.Args[j]) {
			if part.Kind == strexpr.Dynamic && (part.Origin == strexpr.Input ||
				fromParam(part) && !c.trusted(part) && (owner == nil || !c.deferred(part, owner))) {
				if names == 0 {
					nameArg, namePart, nameCond = sc.call.Args[j], part, slices.Contains(s.conds, j)
				}
				names++
				break
			}
		}
	}
	reportName := func() {
		if names == 0 {
			return
		}
		from := describe(namePart)
		if names > 1 {
			from += fmt.Sprintf(" (and %d more %s)", names-1, plural(names-1, "part", "parts"))
		}
		msg := fmt.Sprintf(nameMessage, name, from)
		if nameCond {
			msg = fmt.Sprintf(condMessage, name, from)
		}
		c.rep.Add(report.Finding{Pos: nameArg.Pos(), End: nameArg.End(), Severity: nameSeverity(namePart),
			Message: msg, Peers: knowledge.PeerRules["sql from strings"]})
	}
	if s.Query < 0 || s.Query >= len(sc.call.Args) {
		reportName()
		return
	}
	q := sc.call.Args[s.Query]
	if s.AnyArg && !isString(c.pass.TypesInfo.TypeOf(q)) {
		reportName()
		return
	}
	parts := c.sqlText(q)
	start := 0
	if owner != nil {
		if _, ok := leadingParam(parts, owner); ok {
			start = 1 // the wrapper's own SQL text: its callers are checked
		}
	}
	holes := c.flagged(parts, start, owner)
	if len(holes) == 0 {
		reportName()
		return
	}
	first := parts[holes[0]]
	from := describe(first)
	if n := len(holes) - 1 + names; n > 0 {
		from += fmt.Sprintf(" (and %d more %s)", n, plural(n, "part", "parts"))
	}
	var msg string
	level := report.Error
	switch where := position(parts, holes[0]); {
	case len(parts) == 1 && first.Origin == strexpr.Input && s.via == "" && !s.Fragment:
		msg = fmt.Sprintf("%s runs SQL text that is %s itself: whoever sends it runs any query they like (SQL injection); run only SQL the program writes, and pass the client's values to it as arguments",
			name, from)
	case where.value && (where.list || first.Folded):
		msg = fmt.Sprintf("%s runs SQL built from %s: whoever controls it can rewrite the query (SQL injection); pass the values as arguments: one array argument (= ANY($1)) in PostgreSQL, or one placeholder per value (sqlx.In)",
			name, from)
	case where.value:
		msg = fmt.Sprintf("%s runs SQL built from %s: whoever controls it can rewrite the query (SQL injection); pass it as an argument with %s",
			name, from, c.placeholder(s, parts))
	case where.cond || s.Cond && holes[0] == 0:
		msg = fmt.Sprintf(condMessage, name, from)
		level = nameSeverity(first)
	default:
		msg = fmt.Sprintf(nameMessage, name, from)
		level = nameSeverity(first)
	}
	f := report.Finding{Pos: q.Pos(), End: q.End(), Message: msg, Severity: level, Peers: knowledge.PeerRules["sql from strings"]}
	if fix, ok := c.fix(sc, s, q, parts); ok {
		f.Fixes = []analysis.SuggestedFix{fix}
	}
	c.rep.Add(f)
}

// The messages for a name and for a condition spliced into SQL: the call,
// then where the text comes from.
const (
	nameMessage = "%s runs SQL built from %s as a table or column name: whoever controls it can rewrite the query (SQL injection); placeholders cannot bind names, so check it against an allowlist of names or quote it"
	condMessage = "%s runs SQL built from %s as a condition: whoever controls it can rewrite the query (SQL injection); write the condition in the program, with placeholders for the values it compares"
)

// nameSeverity is the level of a name spliced into SQL: an error when it
// comes from user input, a warning when it comes from a parameter, where
// the program usually passes a table or column of its own that nothing
// here checks. A value spliced in is always an error.
func nameSeverity(p strexpr.Part) report.Severity {
	if p.Origin == strexpr.Input {
		return report.Error
	}
	return report.Warning
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
func (c *checker) flagged(parts []strexpr.Part, start int, owner *types.Func) []int {
	var out []int
	for i := start; i < len(parts); i++ {
		p := parts[i]
		if p.Kind != strexpr.Dynamic || c.trusted(p) {
			continue
		}
		if position(parts, i).value {
			if p.Origin != strexpr.Global {
				out = append(out, i)
			}
			continue
		}
		if p.Origin == strexpr.Input || fromParam(p) && (owner == nil || !c.deferred(p, owner)) {
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
