package globalgrowth

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/types/typeutil"
)

// maxClientDepth bounds how far a key is followed back to the request.
const maxClientDepth = 6

// clientKey reports whether a key is what a client chooses: its address,
// a header, a form value, a path of the request, or text made of them by
// the standard library (net.SplitHostPort(r.RemoteAddr), strings.ToLower),
// in the function or handed to it by a caller in the package. Every
// client, or every value a client makes up, adds an entry: a rate
// limiter per IP, the request IDs seen, a cache of what each client
// asked for.
func (c *checker) clientKey(e ast.Expr, depth int) bool {
	if depth > maxClientDepth {
		return false
	}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectorExpr:
			// r.RemoteAddr, r.URL.Path, r.Header: the request's own fields.
			if sel, ok := c.info.Selections[n]; ok && sel.Kind() == types.FieldVal &&
				knowledge.TypeName(c.info.TypeOf(n.X)) == knowledge.RequestType {
				found = true
			}
		case *ast.CallExpr:
			fn, _ := typeutil.Callee(c.info, n).(*types.Func)
			if fn == nil {
				return true // a conversion, a builtin: look at the arguments
			}
			name := knowledge.FuncName(fn)
			if knowledge.UserInputs[name] || knowledge.ClientIdentities[name] {
				found = true
				return false
			}
			// A function of the program may map what the client sent onto
			// a closed set (a supported language): only the standard
			// library's are followed.
			if fn.Pkg() == nil || !stdlib(fn.Pkg().Path()) {
				return false
			}
		case *ast.Ident:
			if v, ok := c.info.Uses[n].(*types.Var); ok && !v.IsField() && v.Parent() != c.pass.Pkg.Scope() {
				found = c.clientVar(v, depth)
			}
		}
		return !found
	})
	return found
}

// clientVar reports whether a local variable or a parameter holds what a
// client chooses: one of its values does, or, for a parameter, one of
// the package's callers hands one in.
func (c *checker) clientVar(v *types.Var, depth int) bool {
	x := c.fx.Index()
	if i, ok := x.Param(v); ok {
		fn, _ := c.info.Defs[declName(x.Owner(v))].(*types.Func)
		for _, call := range c.callsOf(fn) {
			if i < len(call.Args) && c.clientKey(call.Args[i], depth+1) {
				return true
			}
		}
		return false
	}
	for _, w := range x.Writes(v) {
		switch {
		case w.RHS == nil:
		case w.Kind == strexpr.Assign, w.Kind == strexpr.Tuple, w.Kind == strexpr.Range:
			if c.clientKey(w.RHS, depth+1) {
				return true
			}
		}
	}
	return false
}

// declName returns the name of a function declaration, or nil for a
// function literal.
func declName(n ast.Node) *ast.Ident {
	if fd, ok := n.(*ast.FuncDecl); ok {
		return fd.Name
	}
	return nil
}

// callsOf returns the package's calls of fn.
func (c *checker) callsOf(fn *types.Func) []*ast.CallExpr {
	if fn == nil {
		return nil
	}
	if c.calls == nil {
		c.calls = make(map[*types.Func][]*ast.CallExpr)
		for cur := range c.insp.Root().Preorder((*ast.CallExpr)(nil)) {
			call := cur.Node().(*ast.CallExpr)
			if callee, ok := typeutil.Callee(c.info, call).(*types.Func); ok {
				c.calls[callee] = append(c.calls[callee], call)
			}
		}
	}
	return c.calls[fn]
}

// stdlib reports whether a package path is the standard library's.
func stdlib(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// checkedLoad reports whether the value stored in fn was loaded by a
// call that can fail, its error kept (v, err := load(k); if err != nil
// { return }): the store runs only for a key the load knows (a time
// zone, a template), a closed set however the key was chosen.
func (c *checker) checkedLoad(fn ast.Node, value ast.Expr) bool {
	id, ok := ast.Unparen(value).(*ast.Ident)
	if !ok || fn == nil {
		return false
	}
	v := c.info.Uses[id]
	if v == nil {
		return false
	}
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if found || !ok || len(as.Lhs) < 2 || len(as.Rhs) != 1 {
			return !found
		}
		if first, ok := as.Lhs[0].(*ast.Ident); !ok || c.info.ObjectOf(first) != v {
			return true
		}
		last, ok := as.Lhs[len(as.Lhs)-1].(*ast.Ident)
		if ok && last.Name != "_" && types.Identical(c.info.TypeOf(last), types.Universe.Lookup("error").Type()) {
			found = true
		}
		return !found
	})
	return found
}
