package handlerblock

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
	"unicode"

	"github.com/crisislint/crisislint/internal/fixes"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// variantFix renames a context-less call to its context variant and
// passes the request's context first: db.QueryRow(q, id) becomes
// db.QueryRowContext(r.Context(), q, id); or, for a function whose
// variant is a method of a value of its package, writes that value:
// net.LookupMX(d) becomes net.DefaultResolver.LookupMX(r.Context(), d).
func (f *finding) variantFix() *analysis.SuggestedFix {
	sel, ok := ast.Unparen(f.call.Fun).(*ast.SelectorExpr)
	fn, _ := typeutil.Callee(f.pass.TypesInfo, f.call).(*types.Func)
	if !ok || fn == nil || f.ctx == "" {
		return nil
	}
	v, ok := knowledge.ContextVariants[knowledge.FuncName(fn)]
	if !ok || v.Sends || v.Method != "" && v.On == "" {
		return nil // client.Get(u) becomes two statements, net.DialTimeout's timeout moves: the message says how
	}
	edit := analysis.TextEdit{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte(v.Name)}
	if v.On != "" {
		// The package as the file imports it: gonet.Dial becomes
		// (&gonet.Dialer{}).DialContext.
		pkg, _ := ast.Unparen(sel.X).(*ast.Ident)
		if _, ok := f.pass.TypesInfo.Uses[pkg].(*types.PkgName); pkg == nil || !ok {
			return nil
		}
		method := v.Method[strings.LastIndex(v.Method, ".")+1:]
		edit = analysis.TextEdit{Pos: sel.Pos(), End: sel.End(), NewText: []byte(fmt.Sprintf(v.On, pkg.Name) + "." + method)}
	}
	edits := []analysis.TextEdit{edit}
	if len(f.call.Args) > 0 {
		edits = append(edits, analysis.TextEdit{Pos: f.call.Args[0].Pos(), End: f.call.Args[0].Pos(), NewText: []byte(f.ctx + ", ")})
	} else {
		edits = append(edits, analysis.TextEdit{Pos: f.call.Lparen + 1, End: f.call.Lparen + 1, NewText: []byte(f.ctx)})
	}
	if v.More != "" {
		edits = append(edits, analysis.TextEdit{Pos: f.call.Rparen, End: f.call.Rparen, NewText: []byte(v.More)})
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Use %s with the request's context", v.Name),
		TextEdits: edits,
	}
}

// detachedFix replaces the context.Background() (or TODO()) the call's
// context comes from by the request's context, when it is written in the
// handler.
func (f *finding) detachedFix() *analysis.SuggestedFix {
	root := f.fx.DetachedContext(f.call)
	if root == nil || f.ctx == "" || root.Pos() < f.h.Node.Pos() || root.End() > f.h.Node.End() {
		return nil
	}
	edit := analysis.TextEdit{Pos: root.Pos(), End: root.End(), NewText: []byte(f.ctx)}
	return &analysis.SuggestedFix{
		Message:   "Use the request's context",
		TextEdits: append([]analysis.TextEdit{edit}, fixes.DropUnusedImport(f.pass, report.File(f.pass, root.Pos()), "context", edit)...),
	}
}

// hoistFix moves regexp.MustCompile(constant), or
// template.Must(template.ParseFiles(constants...)), to a package-level
// variable. A local variable that only holds it becomes that package-level
// variable; otherwise the expression is replaced by a new one's name.
func (f *finding) hoistFix() *analysis.SuggestedFix {
	expr := ast.Expr(f.call)
	fn, _ := typeutil.Callee(f.pass.TypesInfo, f.call).(*types.Func)
	if fn == nil {
		return nil
	}
	switch name := knowledge.FuncName(fn); {
	case name == "regexp.MustCompile" || name == "regexp.MustCompilePOSIX":
	case strings.Contains(name, "template."):
		must := f.mustParent()
		if must == nil {
			return nil // ParseFiles returns an error the handler handles: no mechanical fix
		}
		expr = must
	default:
		return nil // regexp.Compile returns an error the handler handles
	}
	decl := f.topDecl()
	if decl == nil {
		return nil
	}
	src := types.ExprString(expr)
	if text, ok := f.source(expr); ok {
		src = text
	}
	at := decl.Pos()
	if fd, ok := decl.(*ast.FuncDecl); ok && fd.Doc != nil {
		at = fd.Doc.Pos()
	}
	if name, stmt := f.localHolder(expr); stmt != nil {
		return &analysis.SuggestedFix{
			Message: fmt.Sprintf("Move %s to a package-level variable", name),
			TextEdits: []analysis.TextEdit{
				{Pos: at, End: at, NewText: []byte(fmt.Sprintf("var %s = %s\n\n", name, src))},
				f.deleteLine(stmt),
			},
		}
	}
	name := f.newName()
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Move it to the package-level variable %s", name),
		TextEdits: []analysis.TextEdit{
			{Pos: at, End: at, NewText: []byte(fmt.Sprintf("var %s = %s\n\n", name, src))},
			{Pos: expr.Pos(), End: expr.End(), NewText: []byte(name)},
		},
	}
}

// mustParent returns template.Must(call) when the call is its argument.
func (f *finding) mustParent() *ast.CallExpr {
	var must *ast.CallExpr
	ast.Inspect(f.h.Node, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok || len(c.Args) != 1 || ast.Unparen(c.Args[0]) != f.call {
			return must == nil
		}
		if fn, _ := typeutil.Callee(f.pass.TypesInfo, c).(*types.Func); knowledge.StartupWrappers[knowledge.FuncName(fn)] {
			must = c
		}
		return false
	})
	return must
}

// topDecl returns the top-level declaration that holds the handler.
func (f *finding) topDecl() ast.Decl {
	file := report.File(f.pass, f.call.Pos())
	if file == nil {
		return nil
	}
	for _, d := range file.Decls {
		if d.Pos() <= f.call.Pos() && f.call.End() <= d.End() {
			return d
		}
	}
	return nil
}

// localHolder returns x and its statement when the expression is the
// whole of x := expr, x is assigned nowhere else, and no other x is
// declared in the enclosing declaration or at package level: then x can
// become the package-level variable itself, if its name says enough.
func (f *finding) localHolder(expr ast.Expr) (string, *ast.AssignStmt) {
	decl := f.topDecl()
	var holder *ast.AssignStmt
	ast.Inspect(f.h.Node, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == expr && as.Tok.String() == ":=" {
			holder = as
		}
		return holder == nil
	})
	if holder == nil {
		return "", nil
	}
	id, ok := holder.Lhs[0].(*ast.Ident)
	if !ok || len(id.Name) < 4 || f.pass.Pkg.Scope().Lookup(id.Name) != nil {
		return "", nil // re, t: too short for a package-level name
	}
	v, _ := f.pass.TypesInfo.Defs[id].(*types.Var)
	if v == nil || len(f.fx.Index().Writes(v)) != 1 {
		return "", nil
	}
	clash := false
	ast.Inspect(decl, func(n ast.Node) bool {
		if other, ok := n.(*ast.Ident); ok && other != id && other.Name == id.Name && f.pass.TypesInfo.Defs[other] != nil {
			clash = true
		}
		return !clash
	})
	if clash {
		return "", nil
	}
	return id.Name, holder
}

// newName returns a package-level name for the hoisted value, after the
// handler's name: searchPattern, searchTemplate.
func (f *finding) newName() string {
	base := "handler"
	if fd, ok := f.topDecl().(*ast.FuncDecl); ok {
		base = fd.Name.Name
	}
	r := []rune(base)
	r[0] = unicode.ToLower(r[0])
	suffix := "Pattern"
	if f.e.Note == "template" {
		suffix = "Template"
	}
	name := string(r) + suffix
	for i := 2; f.pass.Pkg.Scope().Lookup(name) != nil; i++ {
		name = fmt.Sprintf("%s%s%d", string(r), suffix, i)
	}
	return name
}

func (f *finding) source(e ast.Expr) (string, bool) {
	tf := f.pass.Fset.File(e.Pos())
	content, err := f.pass.ReadFile(tf.Name())
	if err != nil {
		return "", false
	}
	return string(content[tf.Offset(e.Pos()):tf.Offset(e.End())]), true
}

// deleteLine deletes a statement with its line.
func (f *finding) deleteLine(st ast.Stmt) analysis.TextEdit {
	tf := f.pass.Fset.File(st.Pos())
	line := tf.Line(st.Pos())
	if tf.Line(st.End()) == line && line < tf.LineCount() {
		return analysis.TextEdit{Pos: tf.LineStart(line), End: tf.LineStart(line + 1)}
	}
	return analysis.TextEdit{Pos: st.Pos(), End: st.End()}
}
