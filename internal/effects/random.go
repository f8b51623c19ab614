// Random delays: a sleep for a duration drawn at random is a deliberate
// delay, not a wait for something.

package effects

import (
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/returns"
	"golang.org/x/tools/go/types/typeutil"
)

// RandomFact marks a function whose result is drawn at random (kratos's
// x.RandomDelay(base, deviation)): a sleep for what it returns is a
// delay chosen on purpose.
type RandomFact struct{}

// AFact marks RandomFact as an analysis fact.
func (*RandomFact) AFact() {}

func (*RandomFact) String() string { return "returns a random value" }

// findRandom finds the functions of the package whose every return gives
// a value drawn at random, when the package uses a random source at all.
func (r *Result) findRandom() {
	r.randoms = make(map[*types.Func]bool)
	uses := false
	for _, imp := range r.pass.Pkg.Imports() {
		uses = uses || knowledge.Randomizers[imp.Path()]
	}
	if !uses {
		return
	}
	// Twice: a function may return what one declared after it returns.
	for range 2 {
		for _, f := range r.pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil || fd.Type.Results == nil {
					continue
				}
				fn, ok := r.pass.TypesInfo.Defs[fd.Name].(*types.Func)
				if ok && !r.randoms[fn] && r.returnsRandom(fd) {
					r.randoms[fn] = true
				}
			}
		}
	}
}

// returnsRandom reports whether every return of a function gives a
// random first result.
func (r *Result) returnsRandom(fd *ast.FuncDecl) bool {
	some := false
	for ret := range returns.In(fd.Body) {
		if len(ret.Results) == 0 || !r.random(ret.Results[0], 0) {
			return false
		}
		some = true
	}
	return some
}

// random reports whether a value is drawn at random: it comes from
// math/rand, math/rand/v2 or crypto/rand (rand.Intn(3000),
// rnd.NormFloat64(), cryptoRand.Int(...).Int64()), from a function of the
// program that returns one, or is computed with one (base + jitter).
func (r *Result) random(e ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if tv, ok := r.pass.TypesInfo.Types[e.Fun]; ok && tv.IsType() {
			return len(e.Args) == 1 && r.random(e.Args[0], depth+1) // time.Duration(n)
		}
		if fn, ok := typeutil.Callee(r.pass.TypesInfo, e).(*types.Func); ok {
			switch {
			case fn.Pkg() != nil && knowledge.Randomizers[fn.Pkg().Path()]:
				return true
			case r.randoms[fn]:
				return true
			case fn.Pkg() != nil && fn.Pkg() != r.pass.Pkg && r.pass.ImportObjectFact(fn, new(RandomFact)):
				return true
			case fn.Pkg() != nil && fn.Pkg().Path() == "math":
				// math.Min(math.Max(sample, lo), hi): a random value bounded.
				for _, a := range e.Args {
					if r.random(a, depth+1) {
						return true
					}
				}
				return false
			}
		}
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
			if _, isPkg := r.pass.TypesInfo.Uses[identOf(sel.X)].(*types.PkgName); !isPkg {
				return r.random(sel.X, depth+1) // n.Int64() of a random *big.Int
			}
		}
	case *ast.BinaryExpr:
		return r.random(e.X, depth+1) || r.random(e.Y, depth+1)
	case *ast.Ident:
		v, ok := r.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
			return false // a package-level variable may be set anywhere
		}
		for _, w := range r.index.Writes(v) {
			if w.Sets() && r.random(w.RHS, depth+1) {
				return true
			}
		}
	}
	return false
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}
