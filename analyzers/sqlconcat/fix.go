package sqlconcat

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/crisislint/crisislint/internal/fixes"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// The suggested fix turns each value spliced into the SQL text into a
// placeholder and passes the value as an argument of the call. It is
// offered only where that is certainly right: the SQL is a + chain or a
// fmt.Sprintf written at the call or in a variable used once, every
// dynamic piece is a value, and the call takes placeholder values.

// segment is one operand of the rewritten SQL expression.
type segment struct {
	lit  bool   // a string literal: text is its value
	raw  bool   // written as a `raw` literal
	text string // the literal's value, or the source of anything else
}

// fix returns the suggested fix for the sink call sc, if one is safe.
func (c *checker) fix(sc sinkCall, s sink, q ast.Expr, parts []strexpr.Part) (analysis.SuggestedFix, bool) {
	if s.Args < 0 || sc.call.Ellipsis.IsValid() || s.Query >= s.Args {
		return analysis.SuggestedFix{}, false
	}
	dialect := c.dialectFor(s, parts)
	if dialect != knowledge.Question && dialect != knowledge.Dollar {
		return analysis.SuggestedFix{}, false
	}
	expr, def := c.rewritable(sc, q)
	if expr == nil {
		return analysis.SuggestedFix{}, false
	}
	var (
		newSQL string
		values []ast.Expr
		before []int // the number of ? of the old text before each value
		ok     bool
	)
	if call, isCall := expr.(*ast.CallExpr); isCall {
		newSQL, values, before, ok = c.rewriteSprintf(call, dialect, parts)
	} else {
		newSQL, values, before, ok = c.rewriteConcat(expr, dialect, parts)
	}
	if !ok || len(values) == 0 {
		return analysis.SuggestedFix{}, false
	}
	if def != nil && !c.movable(values, def, sc) {
		return analysis.SuggestedFix{}, false
	}

	// Where the new arguments go. The existing ones must match the
	// placeholders already there, or their order cannot be told.
	existing := sc.call.Args[s.Args:]
	if dialect == knowledge.Question && strings.Count(constText(parts), "?") != len(existing) ||
		dialect == knowledge.Dollar && nextPlaceholder(parts)-1 != len(existing) {
		return analysis.SuggestedFix{}, false
	}
	var edits []analysis.TextEdit
	if dialect == knowledge.Question && len(existing) > 0 {
		// Value k becomes placeholder before[k]+k of the new text; the
		// existing arguments keep their order around the new ones.
		slot := make(map[int]int)
		for k, b := range before {
			slot[b+k] = k
		}
		at := 0
		merged := make([]string, 0, len(existing)+len(values))
		for i := 0; i < len(existing)+len(values); i++ {
			if k, ok := slot[i]; ok {
				merged = append(merged, c.source(values[k]))
			} else {
				merged = append(merged, c.source(existing[at]))
				at++
			}
		}
		edits = append(edits, analysis.TextEdit{Pos: existing[0].Pos(), End: existing[len(existing)-1].End(), NewText: []byte(strings.Join(merged, ", "))})
	} else {
		var add strings.Builder
		for _, v := range values {
			add.WriteString(", " + c.source(v))
		}
		after := sc.call.Args[len(sc.call.Args)-1]
		if after == q && def == nil {
			newSQL += add.String()
		} else {
			edits = append(edits, analysis.TextEdit{Pos: after.End(), End: after.End(), NewText: []byte(add.String())})
		}
	}
	replace := analysis.TextEdit{Pos: expr.Pos(), End: expr.End(), NewText: []byte(newSQL)}
	edits = append(edits, replace)
	if call, ok := expr.(*ast.CallExpr); ok && !strings.HasPrefix(newSQL, c.source(call.Fun)+"(") {
		// The fmt.Sprintf is gone; so may be the file's last use of fmt.
		edits = append(edits, fixes.DropUnusedImport(c.pass, report.File(c.pass, call.Pos()), "fmt", replace)...)
	}
	slices.SortFunc(edits, func(a, b analysis.TextEdit) int { return int(a.Pos - b.Pos) })
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Pass the value as an argument with %s", c.placeholder(s, parts)),
		TextEdits: edits,
	}, true
}

// rewritable returns the expression that builds the SQL text, when it can
// be rewritten: the call's argument itself, or the value of a local
// variable assigned once and used only here (def is that assignment's
// position then).
func (c *checker) rewritable(sc sinkCall, q ast.Expr) (expr ast.Expr, def ast.Node) {
	q = ast.Unparen(q)
	if isConcatOrSprintf(c.pass.TypesInfo, q) {
		return q, nil
	}
	id, ok := q.(*ast.Ident)
	if !ok {
		return nil, nil
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || c.index.Uses(v) != 1 {
		return nil, nil
	}
	ws := c.index.Writes(v)
	if len(ws) != 1 || ws[0].Kind != strexpr.Assign || ws[0].RHS == nil {
		return nil, nil
	}
	rhs := ast.Unparen(ws[0].RHS)
	if !isConcatOrSprintf(c.pass.TypesInfo, rhs) || ws[0].Pos > sc.call.Pos() {
		return nil, nil
	}
	return rhs, rhs
}

func isConcatOrSprintf(info *types.Info, e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BinaryExpr:
		return e.Op == token.ADD
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(info, e).(*types.Func)
		return fn != nil && knowledge.FuncName(fn) == "fmt.Sprintf" && len(e.Args) >= 2
	}
	return false
}

// rewriteConcat rewrites a + chain.
func (c *checker) rewriteConcat(e ast.Expr, d knowledge.Dialect, all []strexpr.Part) (string, []ast.Expr, []int, bool) {
	var ops []ast.Expr
	var flatten func(ast.Expr)
	flatten = func(e ast.Expr) {
		if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.ADD {
			flatten(b.X)
			flatten(b.Y)
			return
		}
		ops = append(ops, ast.Unparen(e))
	}
	flatten(e)

	opParts := make([][]strexpr.Part, len(ops))
	var flat []strexpr.Part
	for i, op := range ops {
		opParts[i] = c.ev.Eval(op)
		flat = append(flat, opParts[i]...)
	}
	segs := make([]segment, len(ops))
	for i, op := range ops {
		if lit, ok := op.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			val, err := strconv.Unquote(lit.Value)
			if err != nil {
				return "", nil, nil, false
			}
			segs[i] = segment{lit: true, raw: lit.Value[0] == '`', text: val}
		} else {
			segs[i] = segment{text: c.source(op)}
		}
	}
	next := nextPlaceholder(all)
	var values []ast.Expr
	var before []int
	at := 0
	for i, op := range ops {
		ps := opParts[i]
		at += len(ps)
		if c.safe(ps) {
			continue
		}
		if len(ps) != 1 || ps[0].Folded {
			return "", nil, nil, false // a list or a fragment, not one value
		}
		w := position(flat, at-1)
		if !w.value || w.list && !isSimple(op) {
			return "", nil, nil, false
		}
		ph := placeholderText(d, &next)
		arg := c.source(op)
		if w.quoted {
			if i == 0 || i == len(ops)-1 || !segs[i-1].lit || !segs[i+1].lit ||
				!strings.HasSuffix(segs[i-1].text, "'"+w.prefix) || !strings.HasPrefix(segs[i+1].text, w.suffix+"'") {
				return "", nil, nil, false
			}
			segs[i-1].text = strings.TrimSuffix(segs[i-1].text, "'"+w.prefix)
			segs[i+1].text = strings.TrimPrefix(segs[i+1].text, w.suffix+"'")
			arg = wrapValue(w.prefix, arg, w.suffix)
		} else if strings.HasSuffix(strings.TrimRight(text(flat[:at-1]), " \t\r\n"), `"`) {
			return "", nil, nil, false
		}
		segs[i] = segment{lit: true, text: ph}
		values = append(values, exprWithSource(op, arg))
		before = append(before, strings.Count(constText(flat[:at-1]), "?"))
	}
	return render(segs), values, before, true
}

// rewriteSprintf rewrites fmt.Sprintf(format, args...), whose format must
// be a literal.
func (c *checker) rewriteSprintf(call *ast.CallExpr, d knowledge.Dialect, all []strexpr.Part) (string, []ast.Expr, []int, bool) {
	lit, ok := ast.Unparen(call.Args[0]).(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", nil, nil, false
	}
	format, err := strconv.Unquote(lit.Value)
	if err != nil {
		return "", nil, nil, false
	}
	verbs, ok := strexpr.ParseFormat(format)
	if !ok {
		return "", nil, nil, false
	}
	// The parts of the formatted text, verb by verb, to place each verb.
	type piece struct {
		v     strexpr.Verb
		arg   ast.Expr
		parts []strexpr.Part
		drop  bool
	}
	var pieces []piece
	var flat []strexpr.Part
	argi := 1
	for _, v := range verbs {
		p := piece{v: v}
		if v.Verb == 0 {
			p.parts = []strexpr.Part{{Kind: strexpr.Const, Text: v.Text}}
		} else {
			if v.Stars > 0 || argi >= len(call.Args) {
				return "", nil, nil, false
			}
			p.arg = call.Args[argi]
			argi++
			p.parts = c.ev.Eval(p.arg)
			if v.Verb == 'q' || !isString(c.pass.TypesInfo.TypeOf(p.arg)) && !strexpr.AllSafe(p.parts) {
				p.parts = []strexpr.Part{{Kind: strexpr.Dynamic}}
			}
		}
		pieces = append(pieces, p)
		flat = append(flat, p.parts...)
	}
	if argi != len(call.Args) {
		return "", nil, nil, false
	}
	next := nextPlaceholder(all)
	var values []ast.Expr
	var before []int
	at := 0
	for i := range pieces {
		p := &pieces[i]
		at += len(p.parts)
		if p.v.Verb == 0 || c.safe(p.parts) {
			continue
		}
		if len(p.parts) != 1 || p.parts[0].Folded {
			return "", nil, nil, false // a list or a fragment, not one value
		}
		w := position(flat, at-1)
		if !w.value || w.list && !isSimple(p.arg) {
			return "", nil, nil, false
		}
		arg := c.source(p.arg)
		if w.quoted {
			if i == 0 || i == len(pieces)-1 || pieces[i-1].v.Verb != 0 || pieces[i+1].v.Verb != 0 ||
				!strings.HasSuffix(pieces[i-1].v.Text, "'"+w.prefix) || !strings.HasPrefix(pieces[i+1].v.Text, w.suffix+"'") {
				return "", nil, nil, false
			}
			pieces[i-1].v.Text = strings.TrimSuffix(pieces[i-1].v.Text, "'"+w.prefix)
			pieces[i+1].v.Text = strings.TrimPrefix(pieces[i+1].v.Text, w.suffix+"'")
			arg = wrapValue(w.prefix, arg, w.suffix)
		} else if strings.HasSuffix(strings.TrimRight(text(flat[:at-1]), " \t\r\n"), `"`) {
			return "", nil, nil, false
		}
		p.v = strexpr.Verb{Text: placeholderText(d, &next)}
		p.drop = true
		values = append(values, exprWithSource(p.arg, arg))
		before = append(before, strings.Count(constText(flat[:at-1]), "?"))
	}

	var sqlText strings.Builder
	var rest []string
	verbsLeft := false
	for _, p := range pieces {
		if p.v.Verb != 0 {
			verbsLeft = true
		}
	}
	for _, p := range pieces {
		switch {
		case p.v.Verb != 0:
			sqlText.WriteString(p.v.Src)
			rest = append(rest, c.source(p.arg))
		case verbsLeft:
			sqlText.WriteString(strings.ReplaceAll(p.v.Text, "%", "%%"))
		default:
			sqlText.WriteString(p.v.Text)
		}
	}
	newLit := quote(sqlText.String(), lit.Value[0] == '`')
	if !verbsLeft {
		return newLit, values, before, true
	}
	return c.source(call.Fun) + "(" + strings.Join(append([]string{newLit}, rest...), ", ") + ")", values, before, true
}

// safe reports whether parts need no placeholder: no part is dynamic, or
// the dynamic ones are parameters every caller fills with safe text.
func (c *checker) safe(parts []strexpr.Part) bool {
	for _, p := range parts {
		if p.Kind == strexpr.Dynamic && !c.trusted(p) {
			return false
		}
	}
	return true
}

// isSimple reports whether e is a plain variable or field: a value that
// can stand alone in an IN (?) list.
func isSimple(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isSimple(e.X)
	}
	return false
}

// wrapValue builds the argument for a value that sat between prefix and
// suffix inside quotes: LIKE '%x%' becomes LIKE ? with "%"+x+"%".
func wrapValue(prefix, arg, suffix string) string {
	if prefix != "" {
		arg = strconv.Quote(prefix) + " + " + arg
	}
	if suffix != "" {
		arg += " + " + strconv.Quote(suffix)
	}
	return arg
}

// sourced is an expression with the source text the fix passes for it.
type sourced struct {
	ast.Expr
	src string
}

func exprWithSource(e ast.Expr, src string) ast.Expr {
	return &sourced{Expr: e, src: src}
}

func render(segs []segment) string {
	var out []string
	for i := 0; i < len(segs); i++ {
		if !segs[i].lit {
			out = append(out, segs[i].text)
			continue
		}
		var b strings.Builder
		raw := false
		for ; i < len(segs) && segs[i].lit; i++ {
			b.WriteString(segs[i].text)
			raw = raw || segs[i].raw
		}
		i--
		if b.Len() > 0 || len(out) == 0 {
			out = append(out, quote(b.String(), raw))
		}
	}
	return strings.Join(out, " + ")
}

// quote writes s as a Go string literal, raw if the original was and s
// allows it.
func quote(s string, raw bool) string {
	if raw && !strings.ContainsAny(s, "`\r") {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}

var dollarRE = regexp.MustCompile(`\$(\d+)`)

// nextPlaceholder returns the number of the next $N placeholder of the
// query: one past the highest in its text.
func nextPlaceholder(parts []strexpr.Part) int {
	n := 0
	for _, m := range dollarRE.FindAllStringSubmatch(constText(parts), -1) {
		if k, err := strconv.Atoi(m[1]); err == nil && k > n {
			n = k
		}
	}
	return n + 1
}

func placeholderText(d knowledge.Dialect, next *int) string {
	if d == knowledge.Dollar {
		*next++
		return "$" + strconv.Itoa(*next-1)
	}
	return "?"
}

func constText(parts []strexpr.Part) string {
	var b strings.Builder
	for _, p := range parts {
		if p.Kind == strexpr.Const {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// movable reports whether the values, evaluated where the SQL text is
// built (def), can be evaluated at the call instead: they are variables
// or fields that keep their meaning and value in between.
func (c *checker) movable(values []ast.Expr, def ast.Node, sc sinkCall) bool {
	call := sc.call
	// From the enclosing function's scope down: from the package's, the
	// search would scan every function of the file, for every fix.
	outer := c.pass.Pkg.Scope()
	if sc.decl != nil {
		if s := c.pass.TypesInfo.Scopes[sc.decl.Type]; s != nil {
			outer = s
		}
	}
	scope := outer.Innermost(call.Pos())
	for _, v := range values {
		ok := true
		ast.Inspect(v.(*sourced).Expr, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr, *ast.FuncLit:
				ok = false
			case *ast.Ident:
				obj := c.pass.TypesInfo.Uses[n]
				if obj == nil {
					return true
				}
				if _, isField := obj.(*types.Var); isField && obj.(*types.Var).IsField() {
					return true
				}
				if scope == nil {
					ok = false
					return false
				}
				if _, found := scope.LookupParent(n.Name, call.Pos()); found != obj {
					ok = false
				}
				if v, isVar := obj.(*types.Var); isVar {
					for _, w := range c.index.Writes(v) {
						if w.Pos > def.Pos() && w.Pos < call.Pos() {
							ok = false
						}
					}
				}
			}
			return ok
		})
		if !ok {
			return false
		}
	}
	return true
}

// source returns the source text of node.
func (c *checker) source(node ast.Node) string {
	if s, ok := node.(*sourced); ok {
		return s.src
	}
	tf := c.pass.Fset.File(node.Pos())
	if tf == nil {
		return types.ExprString(node.(ast.Expr))
	}
	content, ok := c.contents[tf]
	if !ok {
		// Read once per file: a fix asks for many expressions' source, and
		// a file read per question made a big file's cost quadratic.
		var err error
		if content, err = c.pass.ReadFile(tf.Name()); err != nil {
			content = nil
		}
		c.contents[tf] = content
	}
	if content == nil {
		return types.ExprString(node.(ast.Expr))
	}
	return string(content[tf.Offset(node.Pos()):tf.Offset(node.End())])
}
