// The analyzer's run: collect the sites, give every function of the
// package its effects until nothing changes, and export them as facts.

package effects

import (
	"fmt"
	"go/ast"
	"go/types"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/callindex"
	"github.com/crisislint/crisislint/internal/reqpath"
	"github.com/crisislint/crisislint/internal/strexpr"
	"github.com/crisislint/crisislint/internal/varindex"
	"golang.org/x/tools/go/analysis"
)

// maxRounds bounds the fixpoint over the package's functions; chains only
// shorten and effects are only added, so it converges well before.
const maxRounds = 12

func run(pass *analysis.Pass) (res any, err error) {
	r := &Result{
		pass:      pass,
		index:     pass.ResultOf[varindex.Analyzer].(*strexpr.Index),
		callees:   pass.ResultOf[callindex.Analyzer].(*callindex.Index),
		rp:        pass.ResultOf[reqpath.Analyzer].(*reqpath.Result),
		bodies:    make(map[ast.Node]*body),
		funcs:     make(map[*types.Func]*body),
		other:     make(map[*types.Func]*Set),
		ifaces:    make(map[*types.Func]*Set),
		impls:     make(map[*types.Func][]*types.Func),
		locked:    make(map[*ast.CallExpr]*lock),
		calls:     make(map[*ast.CallExpr]*callInfo),
		resolving: make(map[*ast.CallExpr]bool),
	}
	defer func() {
		// A bug here must not take every analyzer that requires this one
		// down with it: they get what was computed so far, and report the
		// bug.
		if p := recover(); p != nil {
			r.Panic = fmt.Sprint(p) + panicSite()
			res, err = r, nil
		}
	}()
	r.findAsync()
	r.findRandom()
	r.collect()
	r.locks()
	for range maxRounds {
		changed := false
		for _, b := range r.ordered() {
			var s Set
			for _, st := range b.sites {
				for _, e := range r.call(st.call) {
					if e != nil && st.counts(e.Kind) {
						made := *e
						made.Attrs |= st.attrs
						if r.bind(b, st.call, &made) {
							s.add(made)
						}
					}
				}
			}
			if !sameSet(s, b.set) {
				changed = true
				b.set = s
			}
		}
		if !changed {
			break
		}
	}
	for _, b := range r.bodies {
		for _, st := range b.sites {
			for k, e := range r.call(st.call) {
				r.present[k] = r.present[k] || e != nil
			}
		}
	}
	r.export()
	return r, nil
}

// ordered returns the bodies in source order, for deterministic results.
func (r *Result) ordered() []*body {
	out := make([]*body, 0, len(r.bodies))
	for _, b := range r.bodies {
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b *body) int { return int(a.node.Pos() - b.node.Pos()) })
	return out
}

// export records the effects of the functions other packages can call:
// exported functions, methods, the methods of the package's interfaces
// (from the implementations it knows), and the package's implementations
// of other packages' interfaces.
func (r *Result) export() {
	for fn, b := range r.funcs {
		if !b.set.Empty() && (fn.Exported() || fn.Signature().Recv() != nil) {
			r.pass.ExportObjectFact(fn, factOf(b.set))
		}
	}
	scope := r.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() || !types.IsInterface(tn.Type()) {
			continue
		}
		iface := tn.Type().Underlying().(*types.Interface)
		for i := range iface.NumExplicitMethods() {
			m := iface.ExplicitMethod(i)
			if m.Pkg() != r.pass.Pkg {
				continue // facts go on this package's objects only
			}
			if s := r.implementations(m); !s.Empty() {
				r.pass.ExportObjectFact(m, factOf(s))
			}
		}
	}
	if f := r.implFact(); len(f.Impls) > 0 || len(f.Idle) > 0 {
		r.pass.ExportPackageFact(f)
	}
	for fn := range r.randoms {
		if fn.Exported() || fn.Signature().Recv() != nil {
			r.pass.ExportObjectFact(fn, new(RandomFact))
		}
	}
	for fn, params := range r.async {
		if fn.Exported() || fn.Signature().Recv() != nil {
			r.pass.ExportObjectFact(fn, &AsyncFact{Params: params})
		}
	}
	if len(r.asked) > 0 {
		methods := slices.Sorted(maps.Keys(r.asked))
		r.pass.ExportPackageFact(&WantsFact{Methods: methods})
	}
}

// panicSite says where in crisislint a recovered panic happened, for the
// internal error a user reports: " (at conditions.go:723 in
// (*Result).cacheGet)", the first frame of this module under the
// runtime's panic machinery.
func panicSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") && strings.Contains(f.Function, "crisislint/crisislint/") {
			name := f.Function[strings.LastIndex(f.Function, "/")+1:]
			return fmt.Sprintf(" (at %s:%d in %s)", filepath.Base(f.File), f.Line, name)
		}
		if !more {
			return ""
		}
	}
}
