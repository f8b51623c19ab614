package queryinloop

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/returns"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/types/typeutil"
)

// A collection whose size the code fixes is no N+1, wherever it is
// built: four backup codes made by make([]string, BackupCodeCount) and
// filled by index, handed from the function that generates them through
// a handler to the one that stores them. The catalogue's "loops whose
// iteration count is a small constant" holds across functions: a
// function whose first result is always such a slice says so with a
// fewFact, and a parameter that every caller fills with one is walked a
// few times.

// fewFact marks a function whose first result is always a slice of a few
// items fixed by the code.
type fewFact struct{}

func (*fewFact) AFact() {}

func (*fewFact) String() string { return "returns a few items" }

// exportFew marks the package's functions that return a few items.
func (c *checker) exportFew() {
	for fn := range c.decls {
		if c.returnsFew(fn, 0) {
			c.pass.ExportObjectFact(fn, new(fewFact))
		}
	}
}

// returnsFew reports whether every return of fn gives, as its first
// result, a slice of a few items fixed by the code.
func (c *checker) returnsFew(fn *types.Func, depth int) bool {
	fn = fn.Origin()
	res := fn.Signature().Results()
	if res.Len() == 0 {
		return false
	}
	if _, ok := res.At(0).Type().Underlying().(*types.Slice); !ok {
		return false
	}
	if fn.Pkg() != c.pass.Pkg {
		return c.pass.ImportObjectFact(fn, new(fewFact))
	}
	fd := c.decls[fn]
	if fd == nil || fd.Body == nil || depth > 3 {
		return false
	}
	made := 0 // the returns of a slice, not of nil
	for ret := range returns.In(fd.Body) {
		if len(ret.Results) == 0 || !c.fewValue(ret.Results[0], depth+1) {
			return false
		}
		if id, ok := ast.Unparen(ret.Results[0]).(*ast.Ident); !ok || id.Name != "nil" {
			made++
		}
	}
	// A function that only ever returns nil is a stub, not a maker of
	// a few items.
	return made > 0
}

// fewValue reports whether an expression is a slice of a few items fixed
// by the code: nil, a literal of a few items, make([]T, n) with a small
// constant n, a call of a function that returns such a slice, or a
// variable only ever given such values and filled by index.
func (c *checker) fewValue(e ast.Expr, depth int) bool {
	if depth > 4 {
		return false
	}
	info := c.pass.TypesInfo
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		if x.Name == "nil" && info.Uses[x] == types.Universe.Lookup("nil") {
			return true
		}
		v, ok := info.Uses[x].(*types.Var)
		if !ok {
			return false
		}
		ws := c.fx.Index().Writes(v)
		if _, ok := v.Type().Underlying().(*types.Map); ok {
			return c.fewMap(v, ws)
		}
		if _, ok := v.Type().Underlying().(*types.Slice); !ok {
			return false
		}
		if len(ws) == 0 {
			return false // a parameter: its callers decide
		}
		for _, w := range ws {
			switch {
			case w.Kind == strexpr.Elem:
			case w.Kind == strexpr.Assign && w.RHS == nil:
			case w.Kind == strexpr.Escape && c.limitedFill(w.Pos):
			case w.Kind == strexpr.Assign, w.Kind == strexpr.Tuple && w.TupleIndex == 0:
				if !c.fewValue(w.RHS, depth+1) {
					return false
				}
			default:
				return false
			}
		}
		return true
	case *ast.CompositeLit:
		return len(x.Elts) <= smallLoop
	case *ast.CallExpr:
		if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok && id.Name == "make" && len(x.Args) >= 2 {
			if _, ok := info.Uses[id].(*types.Builtin); !ok {
				return false
			}
			if _, ok := info.TypeOf(x.Args[0]).Underlying().(*types.Slice); !ok {
				return false
			}
			tv := info.Types[x.Args[1]]
			if tv.Value == nil {
				return false
			}
			n, ok := constant.Int64Val(constant.ToInt(tv.Value))
			return ok && n <= smallLoop
		}
		if fn, ok := typeutil.Callee(info, x).(*types.Func); ok {
			return c.returnsFew(fn, depth+1)
		}
	}
	return false
}

// limitedFill reports whether the &v at pos is the destination of a
// query builder's fetch whose chain caps the rows at a small constant,
// the last cap applied deciding (db.Limit(5).Find(&posts)), and which
// runs once per call: the slice gets five rows at most, however many
// the table holds. A cap from a
// variable (the page size a client asks for), a cap set on a builder
// kept in a variable, or none, says nothing.
func (c *checker) limitedFill(pos token.Pos) bool {
	fn := c.fx.Index().Enclosing(pos)
	if fn == nil {
		return false
	}
	info := c.pass.TypesInfo
	var fetch *ast.CallExpr
	ast.Inspect(fn, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && fetch == nil {
			for _, a := range call.Args {
				if u, ok := a.(*ast.UnaryExpr); ok && u.Pos() == pos {
					fetch = call
				}
			}
		}
		return fetch == nil
	})
	// A page of five fetched in a loop over pages is all the rows, five
	// at a time.
	if fetch == nil || !c.once(fn, fetch.Pos()) {
		return false
	}
	for x := fetch.Fun; ; {
		sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		call, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if f, ok := typeutil.Callee(info, call).(*types.Func); ok {
			if i, ok := knowledge.QueryLimits[knowledge.FuncName(f)]; ok {
				if i >= len(call.Args) || info.Types[call.Args[i]].Value == nil {
					return false
				}
				n, ok := constant.Int64Val(constant.ToInt(info.Types[call.Args[i]].Value))
				return ok && 0 < n && n <= smallLoop // gorm's Limit(-1) lifts the cap
			}
		}
		x = call.Fun
	}
}

// fewMap reports whether a local map variable holds a few keys fixed by
// the code: it is made from a literal of a few items, then given at most
// a few more entries by m[key] = x with a constant key, each written at
// most once per call (outside any loop or function literal), as cran's
// properties in gitea. A map filled by key in a loop, or under a key the
// data chooses, grows with the data.
func (c *checker) fewMap(v *types.Var, ws []strexpr.Write) bool {
	fn := c.fx.Index().Enclosing(v.Pos())
	if fn == nil || len(ws) == 0 || c.fx.Index().Handed(v) {
		return false // a parameter or a package's variable, or filled by a call
	}
	size, made := 0, false
	for _, w := range ws {
		switch {
		case w.Kind == strexpr.Assign && w.RHS == nil: // var m map[K]V
		case w.Kind == strexpr.Assign:
			lit, ok := ast.Unparen(w.RHS).(*ast.CompositeLit)
			if !ok {
				return false
			}
			size, made = size+len(lit.Elts), true
		case w.Kind == strexpr.Elem:
			if w.Key == nil || c.pass.TypesInfo.Types[w.Key].Value == nil || !c.once(fn, w.Pos) {
				return false
			}
			size++
		default:
			return false
		}
	}
	return made && size <= smallLoop
}

// once reports whether the statement at pos runs at most once per call of
// fn: in fn's own body (not in a function literal of it) and in no loop
// there. A function with a goto may loop without a loop statement.
func (c *checker) once(fn ast.Node, pos token.Pos) bool {
	if c.fx.Index().Enclosing(pos) != fn {
		return false
	}
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	if body == nil {
		return false
	}
	once := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() <= pos && pos < n.End() {
				once = false
			}
		case *ast.BranchStmt:
			if n.Tok == token.GOTO {
				once = false
			}
		case *ast.FuncLit:
			return false
		}
		return once
	})
	return once
}

// fedFew reports whether every call of a function hands parameter p a
// few items fixed by the code, directly or through parameters of the
// callers'.
func (c *checker) fedFew(name, p string, depth int) bool {
	return c.everyFeed("few", name, p, depth, false, func(f feed) (ok, counts bool) {
		return f.Few, true
	})
}

// fewItems reports whether a loop walks a parameter of its function, or
// a field of one, that every caller fills with a few items fixed by the
// code (or leaves empty): the properties each kind of package sets,
// written as a map literal of two keys in its handler (gitea's
// pvci.PackageProperties). Asked before the callers are known, it marks
// the function.
func (c *checker) fewItems(items ast.Expr) bool {
	x, field := ast.Unparen(items), ""
	if sel, ok := x.(*ast.SelectorExpr); ok {
		if s, ok := c.pass.TypesInfo.Selections[sel]; !ok || s.Kind() != types.FieldVal {
			return false
		}
		x, field = ast.Unparen(sel.X), sel.Sel.Name
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	return ok && c.askCallers(v, field, func(name, p string) bool { return c.fedFew(name, p, 0) })
}

// script reports whether a loop walks the pieces of text the program
// carries: strings.Split of a constant or of a file embedded with
// //go:embed (a schema's statements, split on ";"). The pieces are fixed
// when the program is built; they do not grow with data.
func (c *checker) script(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok || !knowledge.TextSplitters[knowledge.FuncName(fn)] {
		return false
	}
	text := ast.Unparen(call.Args[0])
	if conv, ok := text.(*ast.CallExpr); ok && len(conv.Args) == 1 && c.pass.TypesInfo.Types[conv.Fun].IsType() {
		text = ast.Unparen(conv.Args[0]) // string(schemaSQL)
	}
	if c.pass.TypesInfo.Types[text].Value != nil {
		return true
	}
	id, ok := text.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	return ok && c.embeddedFile(v)
}

// embeddedFile reports whether a package-level variable of the package holds
// a file embedded at build time (//go:embed).
func (c *checker) embeddedFile(v *types.Var) bool {
	if v.Pkg() != c.pass.Pkg || v.Parent() != c.pass.Pkg.Scope() {
		return false
	}
	for _, f := range c.pass.Files {
		if f.Pos() > v.Pos() || v.Pos() >= f.End() {
			continue
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || v.Pos() < gd.Pos() || gd.End() <= v.Pos() {
				continue
			}
			for _, spec := range gd.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok || v.Pos() < vs.Pos() || vs.End() <= v.Pos() {
					continue
				}
				for _, doc := range []*ast.CommentGroup{vs.Doc, gd.Doc} {
					if doc == nil {
						continue
					}
					for _, cm := range doc.List {
						if strings.HasPrefix(cm.Text, "//go:embed ") {
							return true
						}
					}
				}
			}
		}
	}
	return false
}
