package engine_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crisislint/crisislint/internal/engine"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// The program under test: a service (module example.com/svc) whose
// handler calls, in a loop, a function of a replaced module
// (example.com/lib) that queries the database two calls down; and a
// package that implements an interface nobody it imports knows.
var program = map[string]string{
	"svc/go.mod": "module example.com/svc\n\ngo 1.26\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n",
	"svc/api/api.go": `package api

import "example.com/lib/store"

func List(ids []int) {
	for _, id := range ids {
		store.Load(id)
	}
	store.Pure(1)
}
`,
	"svc/impl/impl.go": `package impl

type Impl struct{}

func (Impl) Marker() {}
`,
	"svc/main.go": `package main

import (
	_ "example.com/svc/api"
	_ "example.com/svc/impl"
)

func main() {}
`,
	"lib/go.mod": "module example.com/lib\n\ngo 1.26\n",
	"lib/store/store.go": `package store

import "example.com/lib/internal/sqlish"

func Load(id int) { sqlish.Query(id) }

func Pure(id int) int { return id + 1 }
`,
	"lib/internal/sqlish/sqlish.go": `package sqlish

import "database/sql"

var db *sql.DB

func Query(id int) { db.QueryRow("SELECT 1", id) }
`,
}

// queries is a fact: the function reaches (*sql.DB).QueryRow.
type queries struct{}

func (*queries) AFact()         {}
func (*queries) String() string { return "queries" }

// marker is a package fact: the package declares a Marker method.
type marker struct{ Pkg string }

func (*marker) AFact()         {}
func (*marker) String() string { return "marker" }

// loopquery reports calls, in a loop, of functions that query; and, in
// package api, which packages of the program have a marker: api does not
// import impl, so only the whole program's facts tell.
var loopquery = &analysis.Analyzer{
	Name:      "loopquery",
	Doc:       "loopquery: a test analyzer",
	FactTypes: []analysis.Fact{new(queries), new(marker)},
	Run: func(pass *analysis.Pass) (any, error) {
		decls := make(map[*types.Func]*ast.FuncDecl)
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					decls[pass.TypesInfo.Defs[fd.Name].(*types.Func)] = fd
					if fd.Name.Name == "Marker" {
						pass.ExportPackageFact(&marker{pass.Pkg.Path()})
					}
				}
			}
		}
		reaches := func(fn *types.Func) bool {
			if fn.FullName() == "(*database/sql.DB).QueryRow" {
				return true
			}
			return pass.ImportObjectFact(fn, new(queries))
		}
		for range 3 { // a fixpoint, enough for the test
			for fn, fd := range decls {
				ast.Inspect(fd, func(n ast.Node) bool {
					if call, ok := n.(*ast.CallExpr); ok {
						if callee, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func); ok && reaches(callee) {
							pass.ExportObjectFact(fn, new(queries))
						}
					}
					return true
				})
			}
		}
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if loop, ok := n.(*ast.RangeStmt); ok {
					ast.Inspect(loop.Body, func(n ast.Node) bool {
						if call, ok := n.(*ast.CallExpr); ok {
							if callee, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func); ok && reaches(callee) {
								pass.Reportf(call.Pos(), "query in a loop: %s", callee.Name())
							}
						}
						return true
					})
				}
				return true
			})
		}
		if pass.Pkg.Name() == "api" {
			var marked []string
			for _, f := range pass.AllPackageFacts() {
				if m, ok := f.Fact.(*marker); ok {
					marked = append(marked, m.Pkg)
				}
			}
			slices.Sort(marked)
			pass.Reportf(pass.Files[0].Package, "marked: %s", strings.Join(marked, " "))
		}
		return nil, nil
	},
}

func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(t *testing.T, dir, cache string, patterns ...string) ([]string, engine.Stats) {
	t.Helper()
	return runConfig(t, engine.Config{
		Dir:       filepath.Join(dir, "svc"),
		Patterns:  patterns,
		Analyzers: []*analysis.Analyzer{loopquery},
		CacheDir:  cache,
	})
}

// runConfig runs the engine and returns its diagnostics, sorted, as
// file:line: message.
func runConfig(t *testing.T, cfg engine.Config) ([]string, engine.Stats) {
	t.Helper()
	res, err := engine.Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 {
		t.Fatalf("problems: %q", res.Problems)
	}
	var out []string
	for _, p := range res.Packages {
		for _, d := range p.Diagnostics {
			pos := res.Fset.Position(d.Pos)
			out = append(out, fmt.Sprintf("%s:%d: %s", filepath.Base(pos.Filename), pos.Line, d.Message))
		}
	}
	slices.Sort(out)
	return out, res.Stats
}

// TestDependencyFacts: what a replaced module does is learned from its
// own code, two packages down, and kept for the next run.
func TestDependencyFacts(t *testing.T) {
	dir := write(t, program)
	cache := t.TempDir()
	want := []string{"api.go:1: marked: example.com/svc/impl", "api.go:7: query in a loop: Load"}

	got, stats := run(t, dir, cache, "./...")
	if !slices.Equal(got, want) {
		t.Errorf("first run: got %q, want %q", got, want)
	}
	if stats.Dependencies != 2 || stats.Cached != 0 {
		t.Errorf("first run: %+v, want 2 dependencies analyzed, none from the cache", stats)
	}

	got, stats = run(t, dir, cache, "./...")
	if !slices.Equal(got, want) {
		t.Errorf("second run: got %q, want %q", got, want)
	}
	if stats.Dependencies != 2 || stats.Cached != 2 {
		t.Errorf("second run: %+v, want both dependencies from the cache", stats)
	}

	// An edit in the replaced module, which its export data does not show
	// (a function body), must not be hidden by the cache.
	path := filepath.Join(dir, "lib/internal/sqlish/sqlish.go")
	src := strings.Replace(program["lib/internal/sqlish/sqlish.go"], `db.QueryRow("SELECT 1", id)`, `_ = id`, 1)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, stats = run(t, dir, cache, "./...")
	if want := []string{"api.go:1: marked: example.com/svc/impl"}; !slices.Equal(got, want) {
		t.Errorf("after the edit: got %q, want %q", got, want)
	}
	if stats.Cached != 0 {
		t.Errorf("after the edit: %+v, want both dependencies analyzed again", stats)
	}
}

// TestSubset: a run on some packages of the module still learns what the
// others do, and the whole program's package facts still reach main.
func TestSubset(t *testing.T) {
	dir := write(t, program)
	got, stats := run(t, dir, "off", "./api")
	if want := []string{"api.go:1: marked: ", "api.go:7: query in a loop: Load"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if stats.Named != 1 {
		t.Errorf("%+v, want 1 package named", stats)
	}
}

// TestSecondRound: the marker that impl's analysis exports reaches api,
// which does not import impl, whatever the order they ran in; api is
// analyzed again, and main above it is not, since api's facts did not
// change.
func TestSecondRound(t *testing.T) {
	dir := write(t, program)
	for range 3 {
		got, stats := run(t, dir, "off", "./...")
		if !slices.Contains(got, "api.go:1: marked: example.com/svc/impl") {
			t.Errorf("got %q, want api to see impl's marker", got)
		}
		if stats.SecondRound != 1 {
			t.Errorf("%+v, want api analyzed again, alone", stats)
		}
	}
}

// TestBoundedParallelism: the engine runs analyzers on no more packages
// at a time than there are processors, required analyzers included: more
// would only keep more packages' syntax alive together.
func TestBoundedParallelism(t *testing.T) {
	var mu sync.Mutex
	now, most := 0, 0
	gauge := func(*analysis.Pass) (any, error) {
		mu.Lock()
		now++
		most = max(most, now)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		now--
		mu.Unlock()
		return 0, nil
	}
	dep := &analysis.Analyzer{Name: "dep", Doc: "dep: required", Run: gauge, ResultType: reflect.TypeFor[int]()}
	top := &analysis.Analyzer{Name: "top", Doc: "top: requires dep", Requires: []*analysis.Analyzer{dep},
		Run: func(pass *analysis.Pass) (any, error) {
			if pass.ResultOf[dep] != 0 {
				return nil, fmt.Errorf("ResultOf[dep] = %v", pass.ResultOf[dep])
			}
			_, err := gauge(pass)
			return nil, err
		}}
	files := map[string]string{"m/go.mod": "module example.com/m\n\ngo 1.26\n"}
	for i := range 12 {
		files[fmt.Sprintf("m/p%d/p.go", i)] = fmt.Sprintf("package p%d\n", i)
	}
	dir := write(t, files)
	res, err := engine.Run(engine.Config{Dir: filepath.Join(dir, "m"), Patterns: []string{"./..."}, Analyzers: []*analysis.Analyzer{top}, CacheDir: "off"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 || res.Stats.Named != 12 {
		t.Fatalf("problems %q, stats %+v", res.Problems, res.Stats)
	}
	if limit := runtime.GOMAXPROCS(0); most > limit {
		t.Errorf("%d passes ran at once, more than GOMAXPROCS=%d", most, limit)
	}
}

// TestGraphs: a long-lived process's runs reuse the package graph while
// nothing it was made from changed, and list it again when a named
// package's imports or files, or a dependency's file, change.
func TestGraphs(t *testing.T) {
	dir := write(t, program)
	cache := t.TempDir()
	graphs := engine.NewGraphs()
	api := filepath.Join(dir, "svc/api/api.go")
	runWith := func(overlay map[string][]byte) []string {
		t.Helper()
		out, _ := runConfig(t, engine.Config{
			Dir:       filepath.Join(dir, "svc"),
			Patterns:  []string{"./api"},
			Analyzers: []*analysis.Analyzer{loopquery},
			CacheDir:  cache,
			Overlay:   overlay,
			Graphs:    graphs,
		})
		return out
	}
	check := func(step string, got []string, reused int, want ...string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want %q", step, got, want)
		}
		if graphs.Reused != reused {
			t.Errorf("%s: %d runs reused the graph, want %d", step, graphs.Reused, reused)
		}
	}
	const marked = "api.go:1: marked: "
	check("first run", runWith(nil), 0, marked, "api.go:7: query in a loop: Load")
	check("same files", runWith(nil), 1, marked, "api.go:7: query in a loop: Load")

	// An unsaved edit of a body: the graph is the same, the findings the
	// edit's.
	body := strings.Replace(program["svc/api/api.go"], "\t\tstore.Load(id)\n", "\t\t_ = store.Pure(id)\n\t\tstore.Load(id)\n", 1)
	check("unsaved body", runWith(map[string][]byte{api: []byte(body)}), 2, marked, "api.go:8: query in a loop: Load")

	// An unsaved edit of the imports: listed again.
	imports := strings.Replace(program["svc/api/api.go"], `import "example.com/lib/store"`, "import (\n\t\"fmt\"\n\t\"example.com/lib/store\"\n)\n\nvar _ = fmt.Sprint", 1)
	check("unsaved imports", runWith(map[string][]byte{api: []byte(imports)}), 2, "api.go:12: query in a loop: Load", marked)

	// A dependency's file changed on disk: listed again, and its new
	// effects seen.
	check("unsaved imports again", runWith(map[string][]byte{api: []byte(imports)}), 3, "api.go:12: query in a loop: Load", marked)
	path := filepath.Join(dir, "lib/internal/sqlish/sqlish.go")
	src := strings.Replace(program["lib/internal/sqlish/sqlish.go"], `db.QueryRow("SELECT 1", id)`, `_ = id`, 1)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	check("dependency edited", runWith(map[string][]byte{api: []byte(imports)}), 3, marked)

	// A file added to the named package: listed again.
	if err := os.WriteFile(filepath.Join(dir, "svc/api/more.go"), []byte("package api\n\nfunc More() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	check("file added", runWith(map[string][]byte{api: []byte(imports)}), 3, marked)
	check("file added, again", runWith(map[string][]byte{api: []byte(imports)}), 4, marked)
}
