package retrystorm

import (
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// single reports whether the code at cur runs for one caller at a time:
// inside a function literal handed to singleflight's Do or DoChan, or in
// an unexported function that its package calls only from such literals
// (centrifugo's JWKS fetch). Concurrent callers of the same key wait for
// that one: a bounded retry there multiplies one caller's attempts, not
// every request's.
func (c *checker) single(cur inspector.Cursor, depth int) bool {
	if depth > 3 {
		return false
	}
	for fn := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := fn.Node().(type) {
		case *ast.FuncLit:
			if c.guardArg(fn) {
				return true
			}
		case *ast.FuncDecl:
			obj, _ := c.info.Defs[n.Name].(*types.Func)
			if obj == nil || obj.Exported() {
				return false // other packages may call it as they like
			}
			return c.calledSingly(obj, depth)
		}
	}
	return false
}

// guardArg reports whether the function literal at cur is handed to a
// load guard (singleflight's Do, DoChan).
func (c *checker) guardArg(cur inspector.Cursor) bool {
	call, ok := cur.Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun == cur.Node() {
		return false
	}
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	return fn != nil && knowledge.LoadGuards[knowledge.FuncName(fn)]
}

// calledSingly reports whether every use of fn in the package is a call
// that runs for one caller at a time.
func (c *checker) calledSingly(fn *types.Func, depth int) bool {
	n := 0
	for cur := range c.in.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if c.info.Uses[id] != fn {
			continue
		}
		n++
		name, at := ast.Node(id), cur // what names the function: fetchKey, or m.fetchKey
		if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == id {
			name, at = sel, cur.Parent()
		}
		call, ok := at.Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun != name || !c.single(at.Parent(), depth+1) {
			return false // a function value, or a call any caller makes
		}
	}
	return n > 0
}
