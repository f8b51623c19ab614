package strexpr

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/types/typeutil"
)

// A handler that binds the request into a struct,
//
//	var req ListReq
//	if err := c.ShouldBindQuery(&req); err != nil { ... }
//	db.Order(req.SortBy + " DESC")
//
// splices request data as surely as c.Query("sort_by") does. A field of
// a struct filled by a binder (knowledge.RequestBinders) from the request
// is Input; a field the binder checks against a closed set of values
// (binding:"oneof=name price") is Safe; a field of a struct parameter is
// the parameter's: a Field part whose Param is set.

// fieldWrite is an assignment to a field of a local variable: path is the
// field below the variable ("SortBy", "Page.Sort").
type fieldWrite struct {
	path string
	pos  token.Pos
}

// bind records the variable a request binder fills.
func (x *Index) bind(call *ast.CallExpr, fn *types.Func) {
	b, ok := knowledge.RequestBinders[knowledge.FuncName(fn)]
	if !ok || b.Dst >= len(call.Args) {
		return
	}
	dst := ast.Unparen(call.Args[b.Dst])
	if u, ok := dst.(*ast.UnaryExpr); ok && u.Op == token.AND {
		dst = u.X
	}
	if v := x.varOf(dst); v != nil {
		x.bound[v] = append(x.bound[v], call)
	}
}

// fieldWrite records v.F = x.
func (x *Index) fieldWrite(sel *ast.SelectorExpr, pos token.Pos) {
	if v, path := x.fieldPath(sel); v != nil {
		x.fieldWrites[v] = append(x.fieldWrites[v], fieldWrite{path, pos})
	}
}

// fieldPath returns the variable a chain of field selections starts from
// and the fields selected: req.Page.Sort is req and "Page.Sort".
func (x *Index) fieldPath(e ast.Expr) (*types.Var, string) {
	var names []string
	for {
		switch s := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			names = append(names, s.Sel.Name)
			e = s.X
		case *ast.StarExpr:
			e = s.X
		case *ast.Ident:
			v := x.varOf(s)
			if v == nil || len(names) == 0 {
				return nil, ""
			}
			slices.Reverse(names)
			return v, strings.Join(names, ".")
		default:
			return nil, ""
		}
	}
}

// boundField evaluates a field of a struct: Safe when a binder checks it
// against a closed set, Input when a binder filled it from the request
// and the program did not set it afterwards.
func (ev *Evaluator) boundField(e *ast.SelectorExpr) (Part, bool) {
	if ev.closedField(e) {
		return Part{Kind: Safe, Expr: e}, true
	}
	v, path := ev.Index.fieldPath(e)
	if v == nil || isGlobal(v) {
		return Part{}, false
	}
	call := ev.requestBinding(v)
	if call == nil {
		return Part{}, false
	}
	for _, w := range ev.Index.fieldWrites[v] {
		if w.pos > call.Pos() && (w.path == path || strings.HasPrefix(path, w.path+".")) {
			return Part{}, false // req.SortBy = "id": the program's choice
		}
	}
	return dynamic(e, Input, types.ExprString(e)+" (from "+types.ExprString(call.Fun)+")"), true
}

// boundVar evaluates a whole variable filled from the request, as a
// caller passes it to a function that splices one of its fields (a
// repository's List(p ListParams)); not when the program sets one of its
// fields after binding it.
func (ev *Evaluator) boundVar(e ast.Expr, v *types.Var) (Part, bool) {
	if isGlobal(v) {
		return Part{}, false
	}
	call := ev.requestBinding(v)
	if call == nil {
		return Part{}, false
	}
	for _, w := range ev.Index.fieldWrites[v] {
		if w.pos > call.Pos() {
			return Part{}, false
		}
	}
	return dynamic(e, Input, types.ExprString(e)+" (from "+types.ExprString(call.Fun)+")"), true
}

// boundAddr evaluates &v for a variable filled from the request.
func (ev *Evaluator) boundAddr(e *ast.UnaryExpr) (Part, bool) {
	id, ok := ast.Unparen(e.X).(*ast.Ident)
	if e.Op != token.AND || !ok {
		return Part{}, false
	}
	v, ok := ev.Info.Uses[id].(*types.Var)
	if !ok {
		return Part{}, false
	}
	return ev.boundVar(e, v)
}

// fieldPart is a field that nothing else tells about: the parameter's
// when it is a field of one.
func (ev *Evaluator) fieldPart(e *ast.SelectorExpr) Part {
	p := dynamic(e, Field, "field "+types.ExprString(e))
	if v, _ := ev.Index.fieldPath(e); v != nil {
		if _, ok := ev.Index.Param(v); ok {
			p.Param = v
		}
	}
	return p
}

// requestBinding returns the call that fills v from the request, or nil.
func (ev *Evaluator) requestBinding(v *types.Var) *ast.CallExpr {
	for _, call := range ev.Index.bound[v] {
		fn, _ := typeutil.Callee(ev.Info, call).(*types.Func)
		if fn == nil {
			continue
		}
		b := knowledge.RequestBinders[knowledge.FuncName(fn)]
		switch {
		case b.From == knowledge.BindsContext:
			return call
		case b.From == knowledge.BindsReceiver:
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && ev.fromRequest(sel.X, 0) {
				return call
			}
		case b.From < len(call.Args) && ev.fromRequest(call.Args[b.From], 0):
			return call
		}
	}
	return nil
}

// fromRequest reports whether e is the request or what it carries: the
// request itself or a framework's context, its body or form, a reader or
// decoder made from them, the bytes read from them.
func (ev *Evaluator) fromRequest(e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	e = ast.Unparen(e)
	if t := ev.Info.TypeOf(e); t != nil && isRequestCarrier(t) {
		return true
	}
	switch e := e.(type) {
	case *ast.SelectorExpr:
		if sel, ok := ev.Info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			return isRequestCarrier(ev.Info.TypeOf(e.X)) // r.Body, r.Form, c.Request.Body
		}
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(ev.Info, e).(*types.Func)
		if fn == nil {
			return false
		}
		name := knowledge.FuncName(fn)
		if knowledge.ContextBodyReaders[name] {
			return true
		}
		if name == knowledge.URLQuery {
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
				return ev.fromRequest(sel.X, depth+1) // r.URL.Query()
			}
		}
		for _, table := range []map[string]int{knowledge.DecoderSources, knowledge.ReaderWrappers,
			knowledge.BodyLimiters, knowledge.WholeReaders, knowledge.MemoryReaders} {
			if i, ok := table[name]; ok {
				return i < len(e.Args) && ev.fromRequest(e.Args[i], depth+1)
			}
		}
	case *ast.Ident:
		v, ok := ev.Info.Uses[e].(*types.Var)
		if !ok || isGlobal(v) {
			return false
		}
		ws := ev.Index.Writes(v)
		return len(ws) == 1 && ws[0].Sets() && ev.fromRequest(ws[0].RHS, depth+1)
	}
	return false
}

// isRequestCarrier reports whether t is an inbound request or a web
// framework's request context.
func isRequestCarrier(t types.Type) bool {
	if t == nil {
		return false
	}
	name := knowledge.TypeName(t)
	if name == knowledge.RequestType {
		return true
	}
	for _, f := range knowledge.Frameworks {
		if f.Param == name {
			return true
		}
	}
	return false
}

// closedField reports whether the field e selects carries a validation
// rule that lets through only a closed set of values: gin checks
// binding:"oneof=name price" when it binds, a validator validate:"...".
func (ev *Evaluator) closedField(e *ast.SelectorExpr) bool {
	sel, ok := ev.Info.Selections[e]
	if !ok || sel.Kind() != types.FieldVal {
		return false
	}
	t := sel.Recv()
	var tag string
	for k, i := range sel.Index() {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return false
		}
		if k == len(sel.Index())-1 {
			tag = st.Tag(i)
		}
		t = st.Field(i).Type()
	}
	for _, key := range knowledge.BindTags {
		for rule := range strings.SplitSeq(reflect.StructTag(tag).Get(key), ",") {
			name, _, _ := strings.Cut(rule, "=")
			if knowledge.ClosedRules[name] && !strings.Contains(rule, "|") {
				return true
			}
		}
	}
	return false
}
