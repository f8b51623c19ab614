package sqlconcat

import (
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/types/typeutil"
)

// A helper that splices its parameter into SQL is harmless when the
// package is its only caller and every caller passes constants, numbers or
// configuration: recordVersion(db, "v2.1.0"), countRows(db, "users").
// callers tells, for the functions of the package, who calls them.
type callers struct {
	sites   map[*types.Func][]*ast.CallExpr
	escapes map[*types.Func]bool // used otherwise than by a direct call
	methods map[string]bool      // names of interface methods declared here
	memo    map[paramKey]bool
}

type paramKey struct {
	fn *types.Func
	i  int
}

func (c *checker) findCallers() *callers {
	cs := &callers{
		sites:   make(map[*types.Func][]*ast.CallExpr),
		escapes: make(map[*types.Func]bool),
		methods: make(map[string]bool),
		memo:    make(map[paramKey]bool),
	}
	info := c.pass.TypesInfo
	called := make(map[*ast.Ident]bool)
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				fn := typeutil.StaticCallee(info, n)
				if fn == nil || fn.Pkg() != c.pass.Pkg {
					break
				}
				cs.sites[fn] = append(cs.sites[fn], n)
				fun := ast.Unparen(n.Fun)
				switch ix := fun.(type) { // use[T](...), use[K, V](...): a direct call too
				case *ast.IndexExpr:
					fun = ast.Unparen(ix.X)
				case *ast.IndexListExpr:
					fun = ast.Unparen(ix.X)
				}
				switch fun := fun.(type) {
				case *ast.Ident:
					called[fun] = true
				case *ast.SelectorExpr:
					called[fun.Sel] = true
				}
			case *ast.Ident:
				if fn, ok := info.Uses[n].(*types.Func); ok && fn.Pkg() == c.pass.Pkg && !called[n] {
					cs.escapes[fn] = true
				}
			case *ast.InterfaceType:
				for _, m := range n.Methods.List {
					for _, name := range m.Names {
						cs.methods[name.Name] = true
					}
				}
			}
			return true
		})
	}
	return cs
}

// ownerFunc returns the declared function whose parameter v is, or nil
// (for a closure's parameter, or a variable that is not a parameter).
func (c *checker) ownerFunc(v *types.Var) *types.Func {
	if fd, ok := c.index.Owner(v).(*ast.FuncDecl); ok {
		fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
		return fn
	}
	return nil
}

func (c *checker) callersOf() *callers {
	if c.callers == nil {
		c.callers = c.findCallers()
	}
	return c.callers
}

// trusted reports whether a dynamic part is a parameter that every caller
// fills with safe text.
func (c *checker) trusted(p strexpr.Part) bool {
	if p.Origin != strexpr.Param || p.Param == nil {
		return false
	}
	fn := c.ownerFunc(p.Param)
	if fn == nil {
		return false
	}
	c.callersOf()
	return c.paramSafe(fn, p.Param, 0)
}

// safeParam reports whether every call of fn, an unexported function only
// ever called directly, passes safe text as parameter i.
func (c *checker) safeParam(fn *types.Func, i int, depth int) bool {
	cs := c.callers
	k := paramKey{fn, i}
	if ok, seen := cs.memo[k]; seen {
		return ok
	}
	cs.memo[k] = false // a recursive call proves nothing
	sig := fn.Signature()
	if fn.Exported() || cs.escapes[fn] || len(cs.sites[fn]) == 0 || depth > 3 ||
		sig.Variadic() && i == sig.Params().Len()-1 ||
		sig.Recv() != nil && cs.methods[fn.Name()] {
		return false
	}
	for _, call := range cs.sites[fn] {
		if i >= len(call.Args) {
			return false
		}
		for _, p := range c.ev.Eval(call.Args[i]) {
			if p.Kind != strexpr.Dynamic || p.Origin == strexpr.Global {
				continue
			}
			if p.Origin != strexpr.Param || p.Param == nil {
				return false
			}
			caller := c.ownerFunc(p.Param)
			if caller == nil || !c.paramSafe(caller, p.Param, depth+1) {
				return false
			}
		}
	}
	cs.memo[k] = true
	return true
}

func (c *checker) paramSafe(fn *types.Func, v *types.Var, depth int) bool {
	params := fn.Signature().Params()
	for i := range params.Len() {
		if params.At(i) == v {
			return c.safeParam(fn, i, depth)
		}
	}
	return false
}
