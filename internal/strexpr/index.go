// Package strexpr models how a Go program builds a string at run time, so
// an analyzer can ask of a SQL query or a cache key: which parts are
// constant text, and where do the others come from?
//
// The model is deliberately simple: within a function, the writes to a
// local variable are read in source order, as if the function were
// straight-line code, and a variable assigned in several places may hold
// any of the values assigned. This is what a reviewer does reading the
// code, and it needs no SSA form.
package strexpr

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/types/typeutil"
)

// WriteKind says how a write gives a variable its value.
type WriteKind int

const (
	// Assign is v = x, v := x or var v = x; RHS is x (nil for var v T).
	Assign WriteKind = iota
	// AddAssign is v += x.
	AddAssign
	// Tuple is v, w := f(): v is result TupleIndex of the call RHS.
	Tuple
	// Range is for k, v := range x: v is the key or value (TupleIndex 0
	// or 1) of ranging over RHS.
	Range
	// Elem is v[Key] = RHS, for a slice or map v.
	Elem
	// Builder is a strings.Builder or bytes.Buffer method call writing RHS
	// (Call is the whole call: WriteString, WriteByte, ...).
	Builder
	// Fprint is fmt.Fprint, Fprintf or Fprintln into the variable; Call is
	// the call.
	Fprint
	// Escape is &v handed on: the variable may get
	// any value from there.
	Escape
)

// Write is one place where a variable gets (part of) its value.
type Write struct {
	Kind WriteKind
	// Decl is set for the write of a var declaration's initializer.
	Decl       bool
	Pos        token.Pos
	RHS        ast.Expr
	Call       *ast.CallExpr
	TupleIndex int
	// Key is the index of an Elem write.
	Key ast.Expr
}

// Sets reports whether the write gives the variable a whole value of
// its own: v = x, or the first result of v, err := f().
func (w Write) Sets() bool {
	return w.RHS != nil && (w.Kind == Assign || w.Kind == Tuple && w.TupleIndex == 0)
}

// Index records, for every variable of a package, the writes to it and the
// number of times it is read; and for every parameter, its position.
type Index struct {
	info   *types.Info
	writes map[*types.Var][]Write
	uses   map[*types.Var]int
	params map[*types.Var]param
	// fieldSet holds the local variables a field of which is assigned
	// (q.SQL = s): their literal does not tell what the field holds.
	fieldSet map[*types.Var]bool
	// handed holds the local slices and maps passed to a function that
	// may fill them (io.ReadFull(r, buf)): their elements are not known.
	handed map[*types.Var]bool
	decls  map[*types.Func]*ast.FuncDecl
	// funcs are the function declarations with a body and the function
	// literals, by position.
	funcs []ast.Node
	// bound holds the calls that fill a local variable from the request
	// (c.ShouldBindQuery(&req)), fieldWrites the fields assigned of a
	// local variable: see bound.go.
	bound       map[*types.Var][]*ast.CallExpr
	fieldWrites map[*types.Var][]fieldWrite
}

type param struct {
	index int
	fn    ast.Node // *ast.FuncDecl or *ast.FuncLit
}

// NewIndex walks the files once and builds the index.
func NewIndex(files []*ast.File, info *types.Info) *Index {
	x := &Index{
		info:   info,
		writes: make(map[*types.Var][]Write),
		uses:   make(map[*types.Var]int),
		params: make(map[*types.Var]param),

		fieldSet: make(map[*types.Var]bool),
		handed:   make(map[*types.Var]bool),
		decls:    make(map[*types.Func]*ast.FuncDecl),

		bound:       make(map[*types.Var][]*ast.CallExpr),
		fieldWrites: make(map[*types.Var][]fieldWrite),
	}
	for _, f := range files {
		ast.Inspect(f, x.visit)
	}
	slices.SortFunc(x.funcs, func(a, b ast.Node) int { return cmp.Compare(a.Pos(), b.Pos()) })
	return x
}

// Enclosing returns the innermost function (an *ast.FuncDecl or
// *ast.FuncLit) whose body holds pos, or nil.
func (x *Index) Enclosing(pos token.Pos) ast.Node {
	i, _ := slices.BinarySearchFunc(x.funcs, pos, func(n ast.Node, p token.Pos) int { return cmp.Compare(n.Pos(), p) })
	for i--; i >= 0; i-- {
		if body := funcBody(x.funcs[i]); body.Pos() <= pos && pos < body.End() {
			return x.funcs[i]
		}
	}
	return nil
}

func funcBody(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Body
	case *ast.FuncLit:
		return n.Body
	}
	return nil
}

// FieldSet reports whether a field of what v holds is assigned anywhere:
// v.F = x, (*v).F = x.
func (x *Index) FieldSet(v *types.Var) bool { return x.fieldSet[v] }

// Handed reports whether the slice or map v is passed to a function that
// may write its elements: what the writes to v say is not all it holds.
func (x *Index) Handed(v *types.Var) bool { return x.handed[v] }

// Decl returns the declaration of a function of the package, or nil.
func (x *Index) Decl(fn *types.Func) *ast.FuncDecl { return x.decls[fn] }

// Writes returns the writes to v, in source order.
func (x *Index) Writes(v *types.Var) []Write { return x.writes[v] }

// Uses returns the number of times v is read or written through an identifier.
func (x *Index) Uses(v *types.Var) int { return x.uses[v] }

// Param reports whether v is a parameter of a function, and its index.
func (x *Index) Param(v *types.Var) (int, bool) {
	p, ok := x.params[v]
	return p.index, ok && p.index >= 0
}

// Receiver reports whether v is the receiver of a method.
func (x *Index) Receiver(v *types.Var) bool {
	p, ok := x.params[v]
	return ok && p.index < 0
}

// Owner returns the function (an *ast.FuncDecl or *ast.FuncLit) whose
// parameter or receiver v is, or nil.
func (x *Index) Owner(v *types.Var) ast.Node {
	return x.params[v].fn
}

func (x *Index) own(fn ast.Node, ft *ast.FuncType) {
	if ft.Params == nil {
		return
	}
	i := 0
	for _, field := range ft.Params.List {
		if len(field.Names) == 0 {
			i++
		}
		for _, name := range field.Names {
			if v, ok := x.info.Defs[name].(*types.Var); ok {
				x.params[v] = param{index: i, fn: fn}
			}
			i++
		}
	}
}

func (x *Index) varOf(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := x.info.ObjectOf(id).(*types.Var)
	if v == nil || v.IsField() {
		return nil
	}
	return v
}

func (x *Index) add(v *types.Var, w Write) {
	if v != nil {
		x.writes[v] = append(x.writes[v], w)
	}
}

func (x *Index) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.Ident:
		if v, ok := x.info.Uses[n].(*types.Var); ok {
			x.uses[v]++
		}
	case *ast.FuncDecl:
		x.own(n, n.Type)
		if n.Body != nil {
			x.funcs = append(x.funcs, n)
		}
		if fn, ok := x.info.Defs[n.Name].(*types.Func); ok {
			x.decls[fn] = n
		}
		if n.Recv != nil {
			for _, field := range n.Recv.List {
				for _, name := range field.Names {
					if v, ok := x.info.Defs[name].(*types.Var); ok {
						x.params[v] = param{index: -1, fn: n}
					}
				}
			}
		}
	case *ast.FuncLit:
		x.own(n, n.Type)
		x.funcs = append(x.funcs, n)
	case *ast.AssignStmt:
		x.assign(n)
	case *ast.ValueSpec:
		for i, name := range n.Names {
			v, _ := x.info.Defs[name].(*types.Var)
			switch {
			case len(n.Values) == len(n.Names):
				x.add(v, Write{Kind: Assign, Decl: true, Pos: n.Pos(), RHS: n.Values[i]})
			case len(n.Values) == 1:
				x.add(v, Write{Kind: Tuple, Decl: true, Pos: n.Pos(), RHS: n.Values[0], TupleIndex: i})
			default:
				x.add(v, Write{Kind: Assign, Decl: true, Pos: n.Pos()})
			}
		}
	case *ast.RangeStmt:
		if v := x.varOf(n.Key); v != nil {
			x.add(v, Write{Kind: Range, Pos: n.Pos(), RHS: n.X, TupleIndex: 0})
		}
		if v := x.varOf(n.Value); v != nil {
			x.add(v, Write{Kind: Range, Pos: n.Pos(), RHS: n.X, TupleIndex: 1})
		}
	case *ast.CallExpr:
		return x.call(n)
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			if v := x.varOf(n.X); v != nil {
				x.uses[v]++
				x.add(v, Write{Kind: Escape, Pos: n.Pos()})
				return false
			}
		}
	}
	return true
}

func (x *Index) assign(n *ast.AssignStmt) {
	for i, lhs := range n.Lhs {
		lhs = ast.Unparen(lhs)
		if sel, ok := lhs.(*ast.SelectorExpr); ok {
			root := ast.Unparen(sel.X)
			if star, ok := root.(*ast.StarExpr); ok {
				root = star.X
			}
			if v := x.varOf(root); v != nil {
				x.fieldSet[v] = true
			}
			x.fieldWrite(sel, n.Pos())
			continue
		}
		if ix, ok := lhs.(*ast.IndexExpr); ok {
			if v := x.varOf(ix.X); v != nil && len(n.Rhs) == len(n.Lhs) {
				x.add(v, Write{Kind: Elem, Pos: n.Pos(), RHS: n.Rhs[i], Key: ix.Index})
			}
			continue
		}
		v := x.varOf(lhs)
		if v == nil {
			continue
		}
		switch {
		case len(n.Rhs) != len(n.Lhs):
			x.add(v, Write{Kind: Tuple, Pos: n.Pos(), RHS: n.Rhs[0], TupleIndex: i})
		case n.Tok == token.ADD_ASSIGN:
			x.add(v, Write{Kind: AddAssign, Pos: n.Pos(), RHS: n.Rhs[i]})
		case n.Tok == token.ASSIGN || n.Tok == token.DEFINE:
			x.add(v, Write{Kind: Assign, Pos: n.Pos(), RHS: n.Rhs[i]})
		default:
			// Other compound assignments (-=, |=, ...) do not apply to strings.
			x.add(v, Write{Kind: Escape, Pos: n.Pos()})
		}
	}
}

// call records writes into a strings.Builder or bytes.Buffer. It returns
// false when it has accounted for the call's arguments itself.
func (x *Index) call(call *ast.CallExpr) bool {
	callee := typeutil.Callee(x.info, call)
	x.hand(call, callee)
	fn, _ := callee.(*types.Func)
	if fn == nil {
		return true
	}
	x.bind(call, fn)
	switch name := knowledge.FuncName(fn); name {
	case "fmt.Fprintf", "fmt.Fprint", "fmt.Fprintln":
		if len(call.Args) == 0 {
			return true
		}
		w := ast.Unparen(call.Args[0])
		if u, ok := w.(*ast.UnaryExpr); ok && u.Op == token.AND {
			w = u.X
		}
		if v := x.varOf(w); v != nil && isBuilder(v.Type()) {
			x.uses[v]++
			x.add(v, Write{Kind: Fprint, Pos: call.Pos(), Call: call})
			for _, a := range call.Args[1:] {
				ast.Inspect(a, x.visit)
			}
			return false
		}
	default:
		if builderWrites[name] {
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok || len(call.Args) != 1 {
				return true
			}
			if v := x.varOf(sel.X); v != nil {
				x.add(v, Write{Kind: Builder, Pos: call.Pos(), RHS: call.Args[0], Call: call})
			}
		}
	}
	return true
}

// hand records the slices and maps a call may fill: its arguments, but
// for the built-ins (copy fills only its first argument) and the
// functions of packages that only read or reorder them.
func (x *Index) hand(call *ast.CallExpr, callee types.Object) {
	if x.info.Types[call.Fun].IsType() {
		return // a conversion copies
	}
	args := call.Args
	switch callee := callee.(type) {
	case *types.Builtin:
		if callee.Name() != "copy" || len(args) == 0 {
			return
		}
		args = args[:1]
	case *types.Func:
		if callee.Pkg() != nil && readers[callee.Pkg().Path()] {
			return
		}
	}
	for _, a := range args {
		v := x.varOf(a)
		if v == nil {
			continue
		}
		switch v.Type().Underlying().(type) {
		case *types.Slice, *types.Map:
			x.handed[v] = true
		}
	}
}

// readers are packages whose functions never add text to a slice or map
// they are given.
var readers = map[string]bool{"strings": true, "slices": true, "sort": true, "fmt": true, "strconv": true}

var builderWrites = map[string]bool{
	"(*strings.Builder).WriteString": true,
	"(*strings.Builder).WriteByte":   true,
	"(*strings.Builder).WriteRune":   true,
	"(*strings.Builder).Write":       true,
	"(*bytes.Buffer).WriteString":    true,
	"(*bytes.Buffer).WriteByte":      true,
	"(*bytes.Buffer).WriteRune":      true,
	"(*bytes.Buffer).Write":          true,
}

var builderStrings = map[string]bool{
	"(*strings.Builder).String": true,
	"(*bytes.Buffer).String":    true,
}

func isBuilder(t types.Type) bool {
	switch knowledge.TypeName(t) {
	case "strings.Builder", "*strings.Builder", "bytes.Buffer", "*bytes.Buffer":
		return true
	}
	return false
}
