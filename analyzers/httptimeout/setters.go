package httptimeout

import (
	"go/ast"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// A context kept in a field may come from a setter (provider.SetContext(ctx))
// with context.Background() as the constructor's default until one is
// called: pocketbase's OAuth2 providers. Whether a send under it is
// bounded is then its setter's callers' to say, in this package or
// others, which import it: each package lists its calls of such setters,
// with whether the context each gives has a deadline (setterCallsFact),
// and the package of the send reads them all (in the engine's second
// round, the whole program's). The send is left alone when the setters
// are called, and every call gives a context with a deadline: the
// default is what a provider holds before its setter is called, which no
// path of the program then sends with. Under a driver without the second
// round, calls in packages the send's does not import are unseen: the
// finding stays unless its own package's calls settle it.

// setterCallsFact lists a package's calls of the setters other packages
// asked about.
type setterCallsFact struct{ Calls []setterCall }

func (*setterCallsFact) AFact() {}
func (f *setterCallsFact) String() string {
	var s []string
	for _, c := range f.Calls {
		d := "no deadline"
		if c.Deadline {
			d = "deadline"
		}
		s = append(s, c.Func+" ("+d+")")
	}
	return "calls context setters: " + strings.Join(s, ", ")
}

// A setterCall is one call of a setter, or a use of it as a value, whose
// calls are unknown (Deadline false).
type setterCall struct {
	Func     string
	Deadline bool
}

// wantsSettersFact names the setters of a package whose callers its
// analysis asked about, with the index of their context parameter: the
// functions that store it in a field a send of the package uses, and the
// methods of the package's interfaces with a setter's name and
// signature, through which it may be called. It is the engine's wanter.
// The setters are a slice sorted by name, not a map: a fact's encoding
// must be the same every time (gob writes a map in its iteration order,
// and the checker's sanity check refuses that).
type wantsSettersFact struct{ Setters []setterParam }

// A setterParam is a setter and the index of its context parameter.
type setterParam struct {
	Func  string
	Param int
}

func (*wantsSettersFact) AFact() {}
func (f *wantsSettersFact) String() string {
	var s []string
	for _, p := range f.Setters {
		s = append(s, p.Func)
	}
	return "wants the calls of " + strings.Join(s, ", ")
}

// Wants reports whether another package's fact lists a call of one of the
// setters.
func (f *wantsSettersFact) Wants(other analysis.Fact) bool {
	sf, ok := other.(*setterCallsFact)
	return ok && slices.ContainsFunc(sf.Calls, func(c setterCall) bool {
		return slices.ContainsFunc(f.Setters, func(p setterParam) bool { return p.Func == c.Func })
	})
}

// ctxField is how the package gives a context field its values.
type ctxField struct {
	// setters store a context parameter of theirs in it (the index of
	// each in params): p.ctx = ctx in SetContext.
	setters []*types.Func
	params  []int
	// defaults: a literal gives it context.Background() or TODO().
	defaults bool
	// ok: every value is one of those, and there is one.
	ok bool
}

// contextField tells how the package gives a context field its values.
func (c *checker) contextField(f *types.Var) *ctxField {
	if cf, ok := c.ctxFields[f]; ok {
		return cf
	}
	cf := &ctxField{ok: true}
	c.ctxFields[f] = cf
	seen := false
	for cur := range c.insp.Root().Preorder((*ast.AssignStmt)(nil), (*ast.KeyValueExpr)(nil)) {
		var value ast.Expr
		inLiteral := false
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && c.info.Uses[sel.Sel] == f {
					if len(n.Lhs) != len(n.Rhs) {
						cf.ok = false
						continue
					}
					value = n.Rhs[i]
				}
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && c.info.Uses[id] == f {
				value, inLiteral = n.Value, true
			}
		}
		if value == nil {
			continue
		}
		seen = true
		if call, ok := ast.Unparen(value).(*ast.CallExpr); ok && inLiteral {
			if fn, _ := typeutil.Callee(c.info, call).(*types.Func); fn != nil && knowledge.Detachers[knowledge.FuncName(fn)] {
				cf.defaults = true
				continue
			}
		}
		id, ok := ast.Unparen(value).(*ast.Ident)
		v, _ := c.info.Uses[id].(*types.Var)
		if !ok || v == nil {
			cf.ok = false
			continue
		}
		i, ok := c.paramOfDecl(v, cur)
		if !ok {
			cf.ok = false
			continue
		}
		for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			if fn, ok := c.info.Defs[fd.Node().(*ast.FuncDecl).Name].(*types.Func); ok && !slices.Contains(cf.setters, fn) {
				cf.setters = append(cf.setters, fn)
				cf.params = append(cf.params, i)
			}
		}
	}
	cf.ok = cf.ok && seen
	return cf
}

// setterField reports whether every value the package gives a context
// field is a context parameter of the function that gives it, and it
// gives one: p.ctx = ctx in SetContext, &Provider{ctx: ctx} in New.
func (c *checker) setterField(f *types.Var) bool {
	if knowledge.TypeName(f.Type()) != knowledge.ContextType {
		return false
	}
	cf := c.contextField(f)
	return cf.ok && !cf.defaults && len(cf.setters) > 0
}

// setterBounded reports whether a context read from a field
// (jwk.ValidateTokenSignature(p.ctx, …)) that setters give their context
// parameter, and literals context.Background() until then, has a
// deadline at every call of those setters in the program, and they are
// called.
func (c *checker) setterBounded(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	f, ok := c.info.Uses[sel.Sel].(*types.Var)
	if !ok || !f.IsField() || f.Pkg() != c.pass.Pkg || knowledge.TypeName(f.Type()) != knowledge.ContextType {
		return false
	}
	cf := c.contextField(f)
	if !cf.ok || !cf.defaults || len(cf.setters) == 0 {
		return false
	}
	setters := c.wantSetters(cf)
	calls := c.setterCalls(func(fn *types.Func) (int, bool) {
		i, ok := setters[knowledge.FuncName(fn)]
		return i, ok
	})
	if slices.ContainsFunc(slices.Collect(maps.Keys(c.wanted)), (*types.Func).Exported) {
		calls = append(calls, c.otherSetterCalls(setters)...)
	}
	return len(calls) > 0 && !slices.ContainsFunc(calls, func(call setterCall) bool { return !call.Deadline })
}

// otherSetterCalls lists the calls of the setters named that other
// packages of the program make.
func (c *checker) otherSetterCalls(setters map[string]int) []setterCall {
	var calls []setterCall
	for _, pf := range c.pass.AllPackageFacts() {
		sf, ok := pf.Fact.(*setterCallsFact)
		if !ok || pf.Package.Path() == c.pass.Pkg.Path() {
			continue
		}
		for _, call := range sf.Calls {
			if _, ok := setters[call.Func]; ok {
				calls = append(calls, call)
			}
		}
	}
	return calls
}

// wantSetters marks a field's setters, and the methods of the package's
// interfaces with a setter's name and signature, as functions whose
// callers the package asks about; it returns them, by name, with the
// index of their context parameter.
func (c *checker) wantSetters(cf *ctxField) map[string]int {
	out := make(map[string]int)
	for i, fn := range cf.setters {
		c.wanted[fn] = cf.params[i]
		out[knowledge.FuncName(fn)] = cf.params[i]
		if fn.Signature().Recv() == nil {
			continue
		}
		scope := c.pass.Pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok {
				continue
			}
			iface, ok := tn.Type().Underlying().(*types.Interface)
			if !ok {
				continue
			}
			for m := range iface.Methods() {
				if m.Name() == fn.Name() && types.Identical(stripRecv(m.Signature()), stripRecv(fn.Signature())) {
					c.wanted[m] = cf.params[i]
					out[knowledge.FuncName(m)] = cf.params[i]
				}
			}
		}
	}
	return out
}

func stripRecv(sig *types.Signature) *types.Signature {
	return types.NewSignatureType(nil, nil, nil, sig.Params(), sig.Results(), sig.Variadic())
}

// setterCalls lists the package's calls of the setters setter names,
// with the index of their context parameter.
func (c *checker) setterCalls(setter func(*types.Func) (int, bool)) []setterCall {
	var out []setterCall
	for cur := range c.insp.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, ok := c.info.Uses[id].(*types.Func)
		if !ok || !hasContextParam(fn) || report.IsTestCode(c.pass, id.Pos()) {
			continue
		}
		fn = fn.Origin()
		param, ok := setter(fn)
		if !ok {
			continue
		}
		call := setterCall{Func: knowledge.FuncName(fn)}
		var fun ast.Node = id
		p := cur.Parent()
		if sel, ok := p.Node().(*ast.SelectorExpr); ok && sel.Sel == id {
			fun, p = sel, p.Parent()
		}
		if ce, ok := p.Node().(*ast.CallExpr); ok && ce.Fun == fun && param < len(ce.Args) {
			call.Deadline = c.contextDeadline(ce.Args[param], 0)
		}
		out = append(out, call)
	}
	return out
}

// importedSetter returns the context parameter of a function of another
// package that asked about its calls.
func (c *checker) importedSetter(fn *types.Func) (int, bool) {
	if fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
		return 0, false
	}
	setters, ok := c.setterPkgs[fn.Pkg()]
	if !ok {
		var f wantsSettersFact
		if c.pass.ImportPackageFact(fn.Pkg(), &f) {
			setters = make(map[string]int)
			for _, p := range f.Setters {
				setters[p.Func] = p.Param
			}
		}
		c.setterPkgs[fn.Pkg()] = setters
	}
	i, ok := setters[knowledge.FuncName(fn)]
	return i, ok
}

func hasContextParam(fn *types.Func) bool {
	params := fn.Signature().Params()
	for i := range params.Len() {
		if knowledge.TypeName(params.At(i).Type()) == knowledge.ContextType {
			return true
		}
	}
	return false
}

// exportSetters exports the setters the package asked about, and lists
// its calls of the setters of the packages it imports.
func (c *checker) exportSetters() {
	var setters []setterParam
	for fn, param := range c.wanted {
		if fn.Exported() {
			setters = append(setters, setterParam{knowledge.FuncName(fn), param})
		}
	}
	if len(setters) > 0 {
		slices.SortFunc(setters, func(a, b setterParam) int { return strings.Compare(a.Func, b.Func) })
		c.pass.ExportPackageFact(&wantsSettersFact{Setters: setters})
	}
	if calls := c.setterCalls(c.importedSetter); len(calls) > 0 {
		c.pass.ExportPackageFact(&setterCallsFact{Calls: calls})
	}
}
