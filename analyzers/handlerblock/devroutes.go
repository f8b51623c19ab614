package handlerblock

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"unicode"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
)

// A package of handlers that the program uses only inside branches taken
// in a development or test mode is not on a production request path:
// gitea mounts routers/web/devtest, whose mock pages sleep to fake a slow
// server, only under if !setting.IsProd || setting.IsInE2eTesting().
// Its users import it, so it cannot see them: every package lists, in a
// usesFact, the packages of its module whose names it uses, inside such
// branches and outside them, and a package of handlers with findings
// reads the whole program's (the engine's second round) and drops them
// when some package uses it in a development branch and none elsewhere.
// Under a driver without the second round (go vet), the findings stay.

// usesFact lists the packages of the module whose names a package uses
// (outside its tests), by import path: Dev, only inside branches taken
// in a development or test mode; Prod, elsewhere. Self is set by a
// package whose findings depend on it: its own path.
type usesFact struct {
	Self      string
	Dev, Prod []string // sorted
}

func (*usesFact) AFact() {}

func (f *usesFact) String() string {
	s := "uses in development branches " + strings.Join(f.Dev, ", ")
	if f.Self != "" {
		s += "; wants its users"
	}
	return s
}

// Wants reports whether another package uses this one in a development
// branch: the engine's second round then shows it this one.
func (f *usesFact) Wants(other analysis.Fact) bool {
	o, ok := other.(*usesFact)
	return ok && f.Self != "" && slices.Contains(o.Dev, f.Self)
}

// devOnly records the package's uses of its module's packages and
// reports, when it has findings, whether the program uses it only in
// development branches.
func devOnly(pass *analysis.Pass, findings bool) bool {
	f := moduleUses(pass)
	if findings && pass.Module != nil && pass.Module.Path != "" {
		// Only the engine's second round, which needs a module, can show
		// the users.
		f.Self = pass.Pkg.Path()
	}
	if f.Self == "" && len(f.Dev) == 0 && len(f.Prod) == 0 {
		return false
	}
	pass.ExportPackageFact(f)
	if !findings {
		return false
	}
	dev := false
	for _, pf := range pass.AllPackageFacts() {
		o, ok := pf.Fact.(*usesFact)
		if !ok || pf.Package == pass.Pkg {
			continue
		}
		if slices.Contains(o.Prod, f.Self) {
			return false
		}
		dev = dev || slices.Contains(o.Dev, f.Self)
	}
	return dev
}

// moduleUses returns the packages of the module whose names the package
// uses outside its tests, inside development branches and elsewhere.
func moduleUses(pass *analysis.Pass) *usesFact {
	// Outside a module (a GOPATH), the program's packages are those under
	// the package's first directory.
	mod, _, _ := strings.Cut(pass.Pkg.Path(), "/")
	if pass.Module != nil && pass.Module.Path != "" {
		mod = pass.Module.Path
	}
	dev, prod := make(map[string]bool), make(map[string]bool)
	for _, file := range pass.Files {
		if report.IsTestCode(pass, file.Pos()) {
			continue
		}
		var branches spans
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.IfStmt:
				if devCondition(pass.TypesInfo, n.Cond) {
					branches = append(branches, [2]token.Pos{n.Body.Pos(), n.Body.End()})
				}
			case *ast.Ident:
				obj := pass.TypesInfo.Uses[n]
				if obj == nil || obj.Pkg() == nil || obj.Pkg() == pass.Pkg {
					break
				}
				if path := obj.Pkg().Path(); path == mod || strings.HasPrefix(path, mod+"/") {
					// An if's body follows its condition: its spans are
					// known before its names are met.
					if branches.contains(n) {
						dev[path] = true
					} else {
						prod[path] = true
					}
				}
			}
			return true
		})
	}
	f := &usesFact{}
	for p := range dev {
		if !prod[p] {
			f.Dev = append(f.Dev, p)
		}
	}
	for p := range prod {
		f.Prod = append(f.Prod, p)
	}
	slices.Sort(f.Dev)
	slices.Sort(f.Prod)
	return f
}

// devCondition reports whether a condition holds only in a development or
// test mode of the server: a boolean of the program's state (a
// package-level variable, a field of one, a function of it called without
// arguments) whose name says such a mode (setting.IsDev, cfg.Debug,
// setting.IsInE2eTesting()), or the negation of one that says production
// (!setting.IsProd); a conjunction with one; a disjunction of them.
func devCondition(info *types.Info, cond ast.Expr) bool {
	switch c := ast.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		switch c.Op {
		case token.LAND:
			return devCondition(info, c.X) || devCondition(info, c.Y)
		case token.LOR:
			return devCondition(info, c.X) && devCondition(info, c.Y)
		}
	case *ast.UnaryExpr:
		return c.Op == token.NOT && modeFlag(info, c.X, knowledge.ProdModeWords)
	default:
		return modeFlag(info, c, knowledge.DevModeWords)
	}
	return false
}

// modeFlag reports whether e is a boolean of the program's state whose
// name has one of the words and none that negates it.
func modeFlag(info *types.Info, e ast.Expr, words []string) bool {
	if t, ok := info.TypeOf(e).Underlying().(*types.Basic); !ok || t.Kind() != types.Bool || !givenNothing(info, e, 0) {
		return false
	}
	var name string
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		name = x.Name
	case *ast.SelectorExpr:
		name = x.Sel.Name
	case *ast.CallExpr:
		switch fun := ast.Unparen(x.Fun).(type) {
		case *ast.Ident:
			name = fun.Name
		case *ast.SelectorExpr:
			name = fun.Sel.Name
		}
	}
	ws := nameWords(name)
	return slices.ContainsFunc(ws, func(w string) bool { return slices.Contains(words, w) }) &&
		!slices.ContainsFunc(ws, func(w string) bool { return slices.Contains(knowledge.NegatingWords, w) })
}

// nameWords splits a Go name into its lower-case words: IsInE2eTesting
// is is, in, e2e, testing; DEBUG_MODE is debug, mode.
func nameWords(name string) []string {
	var out []string
	start := 0
	runes := []rune(name)
	flush := func(end int) {
		if end > start {
			out = append(out, strings.ToLower(string(runes[start:end])))
		}
	}
	for i, r := range runes {
		switch {
		case r == '_':
			flush(i)
			start = i + 1
		case i > start && unicode.IsUpper(r) && (unicode.IsLower(runes[i-1]) ||
			unicode.IsUpper(runes[i-1]) && i+1 < len(runes) && unicode.IsLower(runes[i+1])):
			// isDev, HTTPServer: a word starts
			flush(i)
			start = i
		}
	}
	flush(len(runes))
	return out
}
