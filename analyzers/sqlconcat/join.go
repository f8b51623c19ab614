package sqlconcat

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/types/typeutil"
)

// A dynamic filter is a list of conditions joined into the SQL text:
//
//	conds = append(conds, "status = '"+f.Status+"'")
//	q := "SELECT id FROM users WHERE " + strings.Join(conds, " AND ")
//
// The evaluator folds the joined list into one part, which then stands
// where a condition goes, and the value spliced inside an element is lost.
// The list is as injectable as the worst element put in it anywhere in
// the function, so sqlText puts that element in the list's place.

// sqlText returns the parts of the SQL text e, with a joined list that
// splices a value into one of its elements shown as that element.
func (c *checker) sqlText(e ast.Expr) []strexpr.Part {
	return c.unjoin(c.ev.Eval(e), 0)
}

// maxJoinDepth bounds the lists of lists unjoin looks into.
const maxJoinDepth = 3

func (c *checker) unjoin(parts []strexpr.Part, depth int) []strexpr.Part {
	if depth > maxJoinDepth {
		return parts
	}
	var out []strexpr.Part
	for i, p := range parts {
		el := c.joinedValue(p, depth)
		if el == nil {
			if out != nil {
				out = append(out, p)
			}
			continue
		}
		if out == nil {
			out = append(make([]strexpr.Part, 0, len(parts)+len(el)), parts[:i]...)
		}
		out = append(out, el...)
	}
	if out == nil {
		return parts
	}
	return out
}

// joinedValue returns the element of a joined list (p, folded from a
// strings.Join) that splices a value into its own SQL text, the worst
// first (user input before the rest), or nil. Configuration is no worse
// than a constant, and an element whose quotes do not pair up would
// change the meaning of the text after it: neither is shown.
func (c *checker) joinedValue(p strexpr.Part, depth int) []strexpr.Part {
	if p.Kind != strexpr.Dynamic || !p.Folded {
		return nil
	}
	call, ok := ast.Unparen(p.Expr).(*ast.CallExpr)
	if !ok || len(call.Args) != 2 {
		return nil
	}
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil || knowledge.FuncName(fn) != "strings.Join" {
		return nil
	}
	var best []strexpr.Part
	rank := 0
	for _, el := range c.elements(call.Args[0], make(map[*types.Var]bool)) {
		el = c.unjoin(el, depth+1)
		if strings.Count(text(el), "'")%2 != 0 {
			continue
		}
		for i, q := range el {
			if q.Kind != strexpr.Dynamic || q.Origin == strexpr.Global || !position(el, i).value {
				continue
			}
			r := 1
			if q.Origin == strexpr.Input {
				r = 2
			}
			if r > rank {
				best, rank = el, r
			}
		}
	}
	if best == nil {
		return nil
	}
	// The message names the list the text came in by.
	best = append([]strexpr.Part(nil), best...)
	for i := range best {
		if best[i].Kind == strexpr.Dynamic {
			best[i].Why += ", in " + types.ExprString(call.Args[0])
		}
	}
	return best
}

// elements returns the parts of each element of the list e: a slice
// literal, or a local slice variable filled by literals, appends and
// element writes anywhere in the function. Elements it cannot see (a
// parameter's, a call's) are left out: it looks for the worst element,
// and the folded part still stands for the rest.
func (c *checker) elements(e ast.Expr, seen map[*types.Var]bool) [][]strexpr.Part {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		var out [][]strexpr.Part
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			out = append(out, c.ev.Eval(el))
		}
		return out
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok || seen[v] || v.Pkg() != c.pass.Pkg || v.Parent() == v.Pkg().Scope() {
			return nil
		}
		if _, param := c.index.Param(v); param || c.index.Receiver(v) {
			return nil
		}
		seen[v] = true
		var out [][]strexpr.Part
		for _, w := range c.index.Writes(v) {
			switch {
			case w.Kind == strexpr.Elem:
				out = append(out, c.ev.Eval(w.RHS))
			case w.Kind != strexpr.Assign || w.RHS == nil:
			case isAppendCall(c.pass.TypesInfo, w.RHS):
				call := ast.Unparen(w.RHS).(*ast.CallExpr)
				for i, a := range call.Args[1:] {
					if call.Ellipsis.IsValid() && i == len(call.Args)-2 {
						out = append(out, c.elements(a, seen)...)
					} else {
						out = append(out, c.ev.Eval(a))
					}
				}
				out = append(out, c.elements(call.Args[0], seen)...)
			default:
				out = append(out, c.elements(w.RHS, seen)...)
			}
		}
		return out
	}
	return nil
}

func isAppendCall(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "append"
}
