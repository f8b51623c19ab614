package cacheops

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// A cache the program can turn off (one-api's common.RedisEnabled) is
// written only where its switch is on: the function returns early when
// the switch is off, or writes inside if switch { ... }. A row updated
// where that switch is off (inside if !switch { ... }) has no cached
// copy to leave stale.

// switchOf returns the package-level boolean that must be true for a
// cache operation in top to run, as "path.Name", or "".
func (r *Result) switchOf(top ast.Node, call *ast.CallExpr) string {
	body := bodyOf(top)
	if body == nil {
		return ""
	}
	for _, ifs := range r.ifsAround(top, call) {
		if s := r.boolSwitch(ifs.Cond); s != "" {
			return s // if enabled { cache.Set(...) }
		}
	}
	for _, st := range body.List {
		if st.Pos() > call.Pos() {
			break
		}
		ifs, ok := st.(*ast.IfStmt)
		if !ok || ifs.Else != nil || !endsInReturn(ifs.Body) {
			continue
		}
		if s := r.boolSwitch(negated(ifs.Cond)); s != "" {
			return s // if !enabled { return load() }
		}
	}
	return ""
}

// offSwitch returns the switch a call runs with turned off: the call is
// in the body of if !switch { ... }.
func (r *Result) offSwitch(top ast.Node, call *ast.CallExpr) string {
	for _, ifs := range r.ifsAround(top, call) {
		if s := r.boolSwitch(negated(ifs.Cond)); s != "" {
			return s
		}
	}
	return ""
}

// ifsAround returns the if statements in whose body (not else) a call
// is, innermost first.
func (r *Result) ifsAround(top ast.Node, call *ast.CallExpr) []*ast.IfStmt {
	var out []*ast.IfStmt
	path, _ := astutil.PathEnclosingInterval(fileOf(r, top), call.Pos(), call.End())
	for i, n := range path {
		if ifs, ok := n.(*ast.IfStmt); ok && i > 0 && path[i-1] == ifs.Body {
			out = append(out, ifs)
		}
	}
	return out
}

// negated returns x of a condition !x, or nil.
func negated(cond ast.Expr) ast.Expr {
	if not, ok := ast.Unparen(cond).(*ast.UnaryExpr); ok && not.Op == token.NOT {
		return not.X
	}
	return nil
}

// cacheOff reports whether a write runs where every cache of its entity
// is switched off.
func (r *Result) cacheOff(top ast.Node, w *Write) bool {
	off := r.offSwitch(top, w.Call)
	if off == "" {
		return false
	}
	n := 0
	for _, l := range r.allLinks() {
		if l.Entity != w.Entity {
			continue
		}
		if l.Switch != off {
			return false
		}
		n++
	}
	return n > 0
}

// boolSwitch returns the package-level boolean variable an expression
// reads, as "path.Name", or "".
func (r *Result) boolSwitch(e ast.Expr) string {
	if e == nil {
		return ""
	}
	var id *ast.Ident
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	default:
		return ""
	}
	v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return ""
	}
	if b, ok := v.Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
		return ""
	}
	return v.Pkg().Path() + "." + v.Name()
}

func bodyOf(top ast.Node) *ast.BlockStmt {
	switch f := top.(type) {
	case *ast.FuncDecl:
		return f.Body
	case *ast.FuncLit:
		return f.Body
	}
	return nil
}

func endsInReturn(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	_, ok := b.List[len(b.List)-1].(*ast.ReturnStmt)
	return ok
}

func fileOf(r *Result, n ast.Node) *ast.File {
	for _, f := range r.pass.Files {
		if f.FileStart <= n.Pos() && n.Pos() < f.FileEnd {
			return f
		}
	}
	return nil
}
