package reqpath

import (
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/knowledge"
)

// servers returns the methods of the package's types that serve RPCs or
// GraphQL queries: those that implement a server interface, of this
// package or of one it imports. It exports the facts of the server
// interfaces this package declares.
func (r *Result) servers() map[*types.Func]Kind {
	ifaces := r.declaredServers()
	for iface, kind := range ifaces {
		r.pass.ExportObjectFact(iface, &ServerFact{Kind: kind})
	}
	for _, imp := range r.pass.Pkg.Imports() {
		scope := imp.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || !types.IsInterface(tn.Type()) {
				continue
			}
			var f ServerFact
			if r.pass.ImportObjectFact(tn, &f) {
				ifaces[tn] = f.Kind
			}
		}
	}
	if len(ifaces) == 0 {
		return nil
	}
	out := make(map[*types.Func]Kind)
	scope := r.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
			continue
		}
		if n, ok := tn.Type().(*types.Named); ok && n.TypeParams().Len() > 0 {
			continue
		}
		ptr := types.NewPointer(tn.Type())
		for iface, kind := range ifaces {
			it := iface.Type().Underlying().(*types.Interface)
			if !types.Implements(ptr, it) {
				continue
			}
			for i := range it.NumMethods() {
				obj, _, _ := types.LookupFieldOrMethod(ptr, true, r.pass.Pkg, it.Method(i).Name())
				if m, ok := obj.(*types.Func); ok && m.Pkg() == r.pass.Pkg && m.Exported() {
					out[m] = kind
				}
			}
		}
	}
	return out
}

// declaredServers finds the server interfaces the package declares: the
// HandlerType of a gRPC service description; the root resolver of a
// gqlgen schema's configuration, and the resolver interfaces its methods
// return.
func (r *Result) declaredServers() map[*types.TypeName]Kind {
	out := make(map[*types.TypeName]Kind)
	mark := func(t types.Type, kind Kind) *types.Interface {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok || n.Obj().Pkg() != r.pass.Pkg {
			return nil
		}
		it, ok := n.Underlying().(*types.Interface)
		if ok {
			out[n.Obj()] = kind
		}
		return it
	}
	info := r.pass.TypesInfo
	for _, f := range r.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if knowledge.TypeName(info.TypeOf(n)) != knowledge.GRPCServiceDesc {
					return true
				}
				for _, e := range n.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if key, ok := kv.Key.(*ast.Ident); ok && key.Name == knowledge.GRPCHandlerType {
							mark(info.TypeOf(kv.Value), RPC)
						}
					}
				}
			case *ast.FuncDecl:
				fn, ok := info.Defs[n.Name].(*types.Func)
				if !ok {
					return false
				}
				r.gqlgenRoots(fn.Signature(), mark)
				return false
			}
			return true
		})
	}
	return out
}

// gqlgenRoots marks the resolver interfaces of a function that builds a
// gqlgen schema, NewExecutableSchema(cfg Config) graphql.ExecutableSchema:
// the interfaces among its configuration's fields, and the interfaces
// their methods return (the root's Query() QueryResolver).
func (r *Result) gqlgenRoots(sig *types.Signature, mark func(types.Type, Kind) *types.Interface) {
	res := sig.Results()
	if res.Len() != 1 || knowledge.TypeName(res.At(0).Type()) != knowledge.GraphQLSchema || sig.Params().Len() != 1 {
		return
	}
	st, ok := sig.Params().At(0).Type().Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i := range st.NumFields() {
		root := mark(st.Field(i).Type(), GraphQL)
		if root == nil {
			continue
		}
		for j := range root.NumMethods() {
			if res := root.Method(j).Signature().Results(); res.Len() == 1 {
				mark(res.At(0).Type(), GraphQL)
			}
		}
	}
}
