package effects

import "go/types"

// implementations returns what a call of the interface method m may do:
// what its facts say (from the package that declares the interface), and
// what the methods of this package's types that implement it do.
func (r *Result) implementations(m *types.Func) Set {
	imported, ok := r.ifaces[m]
	if !ok {
		var f Fact
		var fs Set
		if m.Pkg() != nil && m.Pkg() != r.pass.Pkg && r.pass.ImportObjectFact(m, &f) {
			fs = f.set()
		}
		imported = &fs
		r.ifaces[m] = imported
	}
	s := *imported // a copy: the implementations below are added to it only
	for _, impl := range r.implementers(m) {
		if b := r.funcs[impl]; b != nil {
			for _, e := range b.set.via(Name(impl), true) {
				if e != nil {
					s.add(*e)
				}
			}
		}
	}
	return s
}

// implementers returns the methods of the package's own types that
// implement the interface method m.
func (r *Result) implementers(m *types.Func) []*types.Func {
	if impls, ok := r.impls[m]; ok {
		return impls
	}
	var impls []*types.Func
	iface, ok := m.Signature().Recv().Type().Underlying().(*types.Interface)
	if ok {
		scope := r.pass.Pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
				continue
			}
			if n, ok := tn.Type().(*types.Named); ok && n.TypeParams().Len() > 0 {
				continue
			}
			t := types.Type(types.NewPointer(tn.Type()))
			if !types.Implements(t, iface) {
				continue
			}
			obj, _, _ := types.LookupFieldOrMethod(t, true, r.pass.Pkg, m.Name())
			if impl, ok := obj.(*types.Func); ok {
				impls = append(impls, impl)
			}
		}
	}
	r.impls[m] = impls
	return impls
}
