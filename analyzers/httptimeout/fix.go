package httptimeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/crisislint/crisislint/internal/fixes"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// duration returns the source text of a rule's timeout in the file, with
// the edit that imports time when the file lacks it.
func (c *checker) duration(at ast.Node, value string) (string, []analysis.TextEdit, bool) {
	file := report.File(c.pass, at.Pos())
	if file == nil {
		return "", nil, false
	}
	ref, edits, ok := fixes.Import(c.pass, file, "time", "time")
	if !ok {
		return "", nil, false
	}
	return strings.ReplaceAll(value, "time.", ref+"."), edits, true
}

// httpName returns the name by which e, a selector of net/http
// (http.Get, http.DefaultClient), refers to the package.
func (c *checker) httpName(e ast.Expr) (string, bool) {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return "", false
	}
	pn, ok := c.info.Uses[id].(*types.PkgName)
	return id.Name, ok && pn.Imported().Path() == "net/http"
}

// timedClientFix replaces http.Get by (&http.Client{Timeout: ...}).Get, or
// http.DefaultClient by (&http.Client{Timeout: ...}): the same call on a
// client with a timeout, and the same transport, so connections are
// still pooled.
func (c *checker) timedClientFix(call *ast.CallExpr, target ast.Expr) []analysis.SuggestedFix {
	h, ok := c.httpName(target)
	if !ok {
		return nil
	}
	d, imp, ok := c.duration(call, knowledge.ClientTimeout.FixValue)
	if !ok {
		return nil
	}
	text := fmt.Sprintf("(&%s.Client{%s: %s})", h, knowledge.ClientTimeout.Fix, d)
	if target == ast.Unparen(call.Fun) {
		text += "." + target.(*ast.SelectorExpr).Sel.Name
	}
	return []analysis.SuggestedFix{{
		Message:   "Send on a client with a Timeout",
		TextEdits: append([]analysis.TextEdit{{Pos: target.Pos(), End: target.End(), NewText: []byte(text)}}, imp...),
	}}
}

// fieldFix adds the rule's field to a literal: Timeout: 10 * time.Second,
// or gives it that value where the literal sets it to zero. Where a zero
// is assigned to the field after the literal, there is no fix: the
// assignment would undo it at run time.
func (c *checker) fieldFix(lit *ast.CompositeLit, holder types.Object, rule knowledge.FieldRule, message string) []analysis.SuggestedFix {
	if holder != nil && c.zeroed[holder][rule.Fix] {
		return nil
	}
	d, imp, ok := c.duration(lit, rule.FixValue)
	if !ok {
		return nil
	}
	field := rule.Fix + ": " + d
	var edit analysis.TextEdit
	switch v := fieldValue(lit, rule.Fix); {
	case v != nil:
		edit = analysis.TextEdit{Pos: v.Pos(), End: v.End(), NewText: []byte(d)}
	case len(lit.Elts) == 0:
		edit = analysis.TextEdit{Pos: lit.Lbrace + 1, End: lit.Rbrace, NewText: []byte(field)}
	case c.line(lit.Elts[0].Pos()) != c.line(lit.Lbrace) && c.line(lit.Rbrace) > c.line(lit.Elts[len(lit.Elts)-1].End()):
		// One field a line: a last line of its own, indented as the first.
		at := c.pass.Fset.File(lit.Rbrace).LineStart(c.line(lit.Rbrace))
		edit = analysis.TextEdit{Pos: at, End: at, NewText: []byte(fixes.Indent(c.pass, lit.Elts[0].Pos()) + field + ",\n")}
	default:
		edit = analysis.TextEdit{Pos: lit.Elts[0].Pos(), End: lit.Elts[0].Pos(), NewText: []byte(field + ", ")}
	}
	return []analysis.SuggestedFix{{Message: message, TextEdits: append([]analysis.TextEdit{edit}, imp...)}}
}

func (c *checker) line(p token.Pos) int { return c.pass.Fset.Position(p).Line }

// serveFix rewrites http.ListenAndServe(addr, h) to
// (&http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}).ListenAndServe(),
// and its kin to the same server's method.
func (c *checker) serveFix(call *ast.CallExpr, b knowledge.BareServe) []analysis.SuggestedFix {
	h, ok := c.httpName(call.Fun)
	if !ok || call.Ellipsis.IsValid() {
		return nil
	}
	d, imp, ok := c.duration(call, knowledge.ServerTimeout.FixValue)
	if !ok {
		return nil
	}
	src := func(i int) (string, bool) {
		if i < 0 || i >= len(call.Args) {
			return "", false
		}
		text, err := c.source(call.Args[i])
		return text, err == nil
	}
	var fields []string
	if addr, ok := src(b.Addr); ok {
		fields = append(fields, "Addr: "+addr)
	}
	handler, ok := src(b.Handler)
	if !ok {
		return nil
	}
	if handler != "nil" {
		fields = append(fields, "Handler: "+handler)
	}
	fields = append(fields, knowledge.ServerTimeout.Fix+": "+d)
	var args []string
	if b.Listener >= 0 {
		l, ok := src(b.Listener)
		if !ok {
			return nil
		}
		args = append(args, l)
	}
	for _, i := range b.Rest {
		a, ok := src(i)
		if !ok {
			return nil
		}
		args = append(args, a)
	}
	text := fmt.Sprintf("(&%s.Server{%s}).%s(%s)", h, strings.Join(fields, ", "), b.Method, strings.Join(args, ", "))
	return []analysis.SuggestedFix{{
		Message:   "Serve with an http.Server that sets ReadHeaderTimeout",
		TextEdits: append([]analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(text)}}, imp...),
	}}
}

// setterFix appends .SetTimeout(10 * time.Second) to a client's constructor.
func (c *checker) setterFix(call *ast.CallExpr, setter string) []analysis.SuggestedFix {
	d, imp, ok := c.duration(call, knowledge.ClientTimeout.FixValue)
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   "Set a timeout on the client",
		TextEdits: append([]analysis.TextEdit{{Pos: call.End(), End: call.End(), NewText: []byte("." + setter + "(" + d + ")")}}, imp...),
	}}
}

func (c *checker) source(e ast.Expr) (string, error) {
	tf := c.pass.Fset.File(e.Pos())
	content, err := c.pass.ReadFile(tf.Name())
	if err != nil {
		return "", err
	}
	return string(content[tf.Offset(e.Pos()):tf.Offset(e.End())]), nil
}

// sendFix is timedClientFix where a Timeout is right at run time: the
// response is read whole where the send is made.
func (c *checker) sendFix(cur inspector.Cursor, call *ast.CallExpr, target ast.Expr) []analysis.SuggestedFix {
	if !c.readsWhole(cur) {
		return nil
	}
	return c.timedClientFix(call, target)
}

// readsWhole reports whether the response of the send at cur is read
// whole where it is made, or not read at all: its body decoded or read
// with io.ReadAll, closed, its status and headers looked at. Only then
// is a Timeout right at run time: it bounds reading the body too, and
// would cut a response streamed on (an SSE relay) or copied to a file (a
// download), which a caller may do with a response handed to it.
func (c *checker) readsWhole(cur inspector.Cursor) bool {
	call := cur.Node()
	var resp *types.Var
	switch p := cur.Parent().Node().(type) {
	case *ast.ExprStmt:
		return true // the response is dropped
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 || p.Rhs[0] != call || len(p.Lhs) == 0 {
			return false
		}
		id, ok := p.Lhs[0].(*ast.Ident)
		if !ok {
			return false
		}
		if id.Name == "_" {
			return true
		}
		resp, _ = c.info.ObjectOf(id).(*types.Var)
	}
	if resp == nil {
		return false // returned or handed on
	}
	var body ast.Node
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		body = fn.Node()
		break
	}
	whole := true
	ast.Inspect(body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || c.info.Uses[id] != resp || !whole {
			return whole
		}
		ucur := c.cursorOf(id)
		sel, ok := ucur.Parent().Node().(*ast.SelectorExpr)
		if !ok {
			// resp != nil, resp == nil
			_, cmp := ucur.Parent().Node().(*ast.BinaryExpr)
			whole = cmp
			return whole
		}
		if sel.Sel.Name != "Body" {
			return true // resp.StatusCode, resp.Header
		}
		switch p := ucur.Parent().Parent().Node().(type) {
		case *ast.SelectorExpr: // resp.Body.Close()
			whole = p.Sel.Name == "Close"
		case *ast.CallExpr: // io.ReadAll(resp.Body), json.NewDecoder(resp.Body)
			fn, _ := typeutil.Callee(c.info, p).(*types.Func)
			if fn == nil {
				whole = false
				break
			}
			_, reads := knowledge.WholeReaders[knowledge.FuncName(fn)]
			_, limits := knowledge.BodyLimiters[knowledge.FuncName(fn)]
			whole = reads || limits
		default:
			whole = false
		}
		return whole
	})
	return whole
}
