package readallbody

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/crisislint/crisislint/internal/fixes"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/reqpath"
	"golang.org/x/tools/go/analysis"
)

// limitName is the constant the fix declares once per package and uses in
// every handler it limits, so the team sees the limit and tunes it.
const limitName = "maxBodyBytes"

const limitDecl = `

// maxBodyBytes bounds the request bodies handlers read whole. Raise it for
// endpoints that accept larger bodies.
const maxBodyBytes = 1 << 20 // 1 MiB`

// fix inserts r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes) as the
// first statement of the handler fn.
func (c *checker) fix(h *reqpath.Handler, fn ast.Node) (analysis.SuggestedFix, bool) {
	req, w := h.RequestExpr(), h.WriterExpr()
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	if req == "" || w == "" || body == nil || len(body.List) == 0 || c.konst == nil {
		return analysis.SuggestedFix{}, false
	}
	file := report.File(c.pass, body.Pos())
	httpName, edits, ok := fixes.Import(c.pass, file, "net/http", "http")
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	switch c.pass.Pkg.Scope().Lookup(limitName).(type) {
	case nil:
		edits = append(edits, analysis.TextEdit{Pos: declEnd(c.konst), End: declEnd(c.konst), NewText: []byte(limitDecl)})
	case *types.Const:
		// Declared already, by the user or by an earlier fix.
	default:
		return analysis.SuggestedFix{}, false
	}
	indent := fixes.Indent(c.pass, body.List[0].Pos())
	stmt := fmt.Sprintf("\n%s%s.Body = %s.MaxBytesReader(%s, %s.Body, %s)", indent, req, httpName, w, req, limitName)
	if c.pass.Fset.Position(body.Lbrace).Line == c.pass.Fset.Position(body.List[0].Pos()).Line {
		// A body on one line, func(w, r) { f(r) }: end the new statement
		// with a line of its own, or it runs into the next one.
		stmt += "\n" + indent
	}
	edits = append(edits, analysis.TextEdit{Pos: body.Lbrace + 1, End: body.Lbrace + 1, NewText: []byte(stmt)})
	return analysis.SuggestedFix{
		Message:   "Limit the request body with http.MaxBytesReader",
		TextEdits: edits,
	}, true
}

// declEnd returns where a new top-level declaration goes in file: after
// the imports, or after the package clause.
func declEnd(file *ast.File) token.Pos {
	end := file.Name.End()
	for _, d := range file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			end = g.End()
		}
	}
	return end
}
