package nogo_test

// What Bazel's nogo (rules_go) and go vet -vettool with a remote cache
// (GOCACHEPROG) need from every analyzer: facts that survive gob encoding,
// since they are written to one action's output and read by another's,
// possibly on another machine; and results that depend only on the
// package in front of the analyzer, since an action is cached by its
// inputs: no process-wide mutable state, no file read except through
// pass.ReadFile, no environment.

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/ast"
	"go/types"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/engine"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"
)

// nogoTestdata are analyzer test packages that make every fact type.
var nogoTestdata = map[string][]string{
	"../../analyzers/sqlconcat/testdata":    {"helpers", "repository", "handlers", "store", "opener"},
	"../../analyzers/readallbody/testdata":  {"httputil", "api", "server", "ownlimit", "reusable"},
	"../../internal/effects/testdata":       {"app", "repo"},
	"../../analyzers/httptimeout/testdata":  {"client", "gracefulish", "weblib", "pprofmain", "routes", "oauthprov", "oauthapi", "pooled", "routedeadline", "fiberlib"},
	"../../analyzers/idempotency/testdata":  {"billing", "shop"},
	"../../analyzers/cachestale/testdata":   {"usersvc", "stale"},
	"testdata":                              {"rpcsvc", "rpcimpl"},
	"../../analyzers/queryinloop/testdata":  {"assign", "assignweb", "liteapi"},
	"../../analyzers/handlerblock/testdata": {"ui", "delays", "devroutes/web"},
}

// loadNogoTestdata loads the testdata packages, once for both runs.
func loadNogoTestdata(t *testing.T) [][]*packages.Package {
	var out [][]*packages.Package
	for _, dir := range slices.Sorted(maps.Keys(nogoTestdata)) {
		_, pkgs := testgopath.Load(t, dir, nogoTestdata[dir]...)
		out = append(out, pkgs)
	}
	return out
}

// run analyzes the packages with the analyzers in the given order and
// returns every diagnostic and fact, rendered, and the facts.
func run(t *testing.T, loaded [][]*packages.Package, order []*analysis.Analyzer) (rendered []string, facts []analysis.Fact) {
	t.Helper()
	for _, pkgs := range loaded {
		graph, err := checker.Analyze(order, pkgs, nil)
		if err != nil {
			t.Fatal(err)
		}
		for act := range graph.All() {
			if act.Err != nil {
				t.Fatalf("%s: %v", act, act.Err)
			}
			for _, d := range act.Diagnostics {
				p := act.Package.Fset.Position(d.Pos)
				rendered = append(rendered, fmt.Sprintf("%s %s:%d:%d %s [%s] %d related %d fixes",
					act.Analyzer.Name, filepath.Base(p.Filename), p.Line, p.Column, d.Message, d.Category, len(d.Related), len(d.SuggestedFixes)))
			}
			for _, f := range act.AllObjectFacts() {
				rendered = append(rendered, fmt.Sprintf("%s fact %s.%s %T %v", act.Analyzer.Name, f.Object.Pkg().Path(), f.Object.Name(), f.Fact, f.Fact))
				facts = append(facts, f.Fact)
			}
			for _, f := range act.AllPackageFacts() {
				rendered = append(rendered, fmt.Sprintf("%s fact %s %T %v", act.Analyzer.Name, f.Package.Path(), f.Fact, f.Fact))
				facts = append(facts, f.Fact)
			}
		}
	}
	sort.Strings(rendered)
	return slices.Compact(rendered), facts
}

// TestNogo checks, on analyzer testdata that makes every fact type:
//
//   - every fact survives a gob round trip, as an analysis.Fact interface
//     value, the way unitchecker and nogo store them (and every declared
//     fact type is made at least once, so none passes vacuously);
//   - running every analyzer twice in one process, in two orders, gives
//     the same diagnostics and facts: no analyzer carries state from one
//     run, or one package, to the next.
func TestNogo(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the testdata from source")
	}
	loaded := loadNogoTestdata(t)
	all := engine.Order(analyzers.All)
	first, facts := run(t, loaded, analyzers.All)
	t.Run("facts gob", func(t *testing.T) { checkGob(t, all, facts) })
	t.Run("no shared state", func(t *testing.T) {
		reversed := slices.Clone(analyzers.All)
		slices.Reverse(reversed)
		second, _ := run(t, loaded, reversed)
		if len(first) == 0 {
			t.Fatal("no diagnostics or facts on the testdata: the test compares nothing")
		}
		if !slices.Equal(first, second) {
			t.Errorf("a second run in another order differs:\nfirst:\n%s\nsecond:\n%s", strings.Join(first, "\n"), strings.Join(second, "\n"))
		}
	})
}

func checkGob(t *testing.T, all []*analysis.Analyzer, facts []analysis.Fact) {
	declared := make(map[reflect.Type]string)
	for _, a := range all {
		for _, f := range a.FactTypes {
			gob.Register(f)
			declared[reflect.TypeOf(f)] = a.Name
		}
	}
	made := make(map[reflect.Type]bool)
	for _, f := range facts {
		made[reflect.TypeOf(f)] = true
		var buf bytes.Buffer
		in := struct{ Fact analysis.Fact }{f}
		if err := gob.NewEncoder(&buf).Encode(&in); err != nil {
			t.Errorf("%T does not gob-encode: %v", f, err)
			continue
		}
		var out struct{ Fact analysis.Fact }
		if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
			t.Errorf("%T does not gob-decode: %v", f, err)
			continue
		}
		if !reflect.DeepEqual(in.Fact, out.Fact) && fmt.Sprint(in.Fact) != fmt.Sprint(out.Fact) {
			t.Errorf("%T changes in a gob round trip: %v became %v", f, in.Fact, out.Fact)
		}
	}
	for typ, name := range declared {
		if !made[typ] {
			t.Errorf("%s declares %v, but no testdata package makes one: add one to nogoTestdata", name, typ)
		}
	}
}

// forbidden are the calls that read outside the pass: files (an analyzer
// reads through pass.ReadFile, which nogo and go vet confine to the
// package's files), the environment, other processes.
var forbidden = map[string]bool{
	"os.ReadFile": true, "os.Open": true, "os.OpenFile": true, "os.ReadDir": true,
	"os.Stat": true, "os.Lstat": true, "os.DirFS": true, "os.Getwd": true,
	"os.Getenv": true, "os.LookupEnv": true, "os.Environ": true,
	"io/ioutil.ReadFile": true, "io/ioutil.ReadDir": true,
	"path/filepath.Walk": true, "path/filepath.WalkDir": true, "path/filepath.Glob": true,
	"os/exec.Command": true, "os/exec.CommandContext": true,
	"golang.org/x/tools/go/packages.Load": true,
}

// sharedCaches are package-level variables that analyzers write, allowed
// because they cache a pure function of their key and so cannot change a
// result. Each costs memory for the life of the process.
var sharedCaches = map[string]bool{
	// knowledge.FuncName's names of *types.Func: it keeps every function
	// it was asked about alive, which a long-lived driver (crisislint lsp)
	// pays for on every analysis.
	"github.com/crisislint/crisislint/internal/knowledge.funcNames": true,
	// The analyzers' documentation, registered by each analyzer's Doc
	// variable while the packages initialize and only read afterwards
	// (badignore asks which names are analyzers'): no pass writes it.
	"github.com/crisislint/crisislint/internal/analyzerdoc.registry": true,
	"github.com/crisislint/crisislint/internal/analyzerdoc.mu":       true,
}

// The code every analyzer runs (the analyzers and the packages of ours
// they import) reads no file but through pass.ReadFile, and writes no
// package-level variable outside init (but the caches above): state that
// would outlive a pass.
func TestNogoHermetic(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the analyzers' source")
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedImports | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo | packages.NeedFiles,
		Dir:  "../..",
	}, "./analyzers/...", "./internal/...")
	if err != nil {
		t.Fatal(err)
	}
	byPath := make(map[string]*packages.Package)
	for _, p := range pkgs {
		byPath[p.PkgPath] = p
	}
	// What analyzers.All imports of ours, directly or not.
	reached := make(map[string]bool)
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if p == nil || reached[p.PkgPath] || !strings.HasPrefix(p.PkgPath, "github.com/crisislint/crisislint/") {
			return
		}
		reached[p.PkgPath] = true
		for path := range p.Imports {
			visit(byPath[path])
		}
	}
	visit(byPath["github.com/crisislint/crisislint/analyzers"])
	if len(reached) < 5 {
		t.Fatalf("found only %d packages behind analyzers.All", len(reached))
	}
	for path := range reached {
		p := byPath[path]
		if len(p.Errors) > 0 {
			t.Fatalf("%s: %v", path, p.Errors)
		}
		for _, f := range p.Syntax {
			checkHermetic(t, p, f)
		}
	}
}

func checkHermetic(t *testing.T, p *packages.Package, f *ast.File) {
	t.Helper()
	pkgLevel := func(e ast.Expr) *types.Var {
		for {
			switch x := e.(type) {
			case *ast.ParenExpr:
				e = x.X
			case *ast.IndexExpr:
				e = x.X
			case *ast.SelectorExpr:
				if _, isPkg := p.TypesInfo.Uses[identOf(x.X)].(*types.PkgName); isPkg {
					e = x.Sel
				} else {
					e = x.X
				}
			case *ast.StarExpr:
				e = x.X
			case *ast.Ident:
				v, ok := p.TypesInfo.Uses[x].(*types.Var)
				if ok && !v.IsField() && v.Parent() == v.Pkg().Scope() && !sharedCaches[v.Pkg().Path()+"."+v.Name()] {
					return v
				}
				return nil
			default:
				return nil
			}
		}
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || fd.Recv == nil && fd.Name.Name == "init" {
			continue
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			at := func() string { return p.Fset.Position(n.Pos()).String() }
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, lhs := range n.Lhs {
					if v := pkgLevel(lhs); v != nil {
						t.Errorf("%s: %s writes the package-level %s: state that outlives the pass", at(), fd.Name.Name, v.Name())
					}
				}
			case *ast.IncDecStmt:
				if v := pkgLevel(n.X); v != nil {
					t.Errorf("%s: %s writes the package-level %s", at(), fd.Name.Name, v.Name())
				}
			case *ast.UnaryExpr:
				if v := pkgLevel(n.X); v != nil && n.Op.String() == "&" {
					t.Errorf("%s: %s takes the address of the package-level %s", at(), fd.Name.Name, v.Name())
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
					if s := p.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
						if _, ptrRecv := s.Obj().Type().(*types.Signature).Recv().Type().(*types.Pointer); ptrRecv {
							if v := pkgLevel(sel.X); v != nil {
								if _, isPtr := v.Type().(*types.Pointer); !isPtr {
									t.Errorf("%s: %s calls %s on the package-level %s, which may change it", at(), fd.Name.Name, sel.Sel.Name, v.Name())
								}
							}
						}
					}
				}
				if fn, ok := typeutil.Callee(p.TypesInfo, n).(*types.Func); ok && fn.Pkg() != nil && forbidden[fn.Pkg().Path()+"."+fn.Name()] {
					t.Errorf("%s: %s calls %s.%s: analyzers read only through the pass (pass.ReadFile)", at(), fd.Name.Name, fn.Pkg().Path(), fn.Name())
				}
			}
			return true
		})
	}
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := e.(*ast.Ident)
	return id
}
