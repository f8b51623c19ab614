package analyzers_test

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/fixes"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestFixesCompile applies the suggested fixes found in every analyzer's
// testdata (every package with a .golden file) and type-checks the result:
// each fix alone, as an editor applies it, and all of them together, as
// crisislint -fix applies them. A fix that breaks the build is a bug even
// when its golden file matches.
func TestFixesCompile(t *testing.T) {
	for _, a := range analyzers.All {
		src := filepath.Join(a.Name, "testdata", "src")
		pkgDirs, err := goldenPackages(src)
		if err != nil {
			t.Fatal(err)
		}
		if len(pkgDirs) == 0 {
			continue
		}
		t.Run(a.Name, func(t *testing.T) {
			gopath, pkgs := testgopath.Load(t, filepath.Join(a.Name, "testdata"), pkgDirs...)
			restore := testgopath.AnalyzeOwn(gopath, pkgs)
			graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
			restore()
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for act := range graph.All() {
				if !act.IsRoot {
					continue
				}
				var edits [][]fixes.Edit
				for _, d := range act.Diagnostics {
					if len(d.SuggestedFixes) > 0 {
						edits = append(edits, fixes.Resolve(act.Package.Fset, &d.SuggestedFixes[0]))
					}
				}
				for i, fix := range edits {
					checkFixed(t, act.Package, [][]fixes.Edit{fix}, false, fmt.Sprintf("fix %d alone", i))
				}
				if len(edits) > 0 {
					checkFixed(t, act.Package, edits, true, "all fixes")
				}
				n += len(edits)
			}
			if n == 0 {
				t.Errorf("no fixes found in %s, though it has golden files", src)
			}
		})
	}
}

// goldenPackages returns the import paths, under src, of the packages
// that have a .golden file.
func goldenPackages(src string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go.golden") {
			return err
		}
		rel, _ := filepath.Rel(src, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		if len(out) == 0 || out[len(out)-1] != rel {
			out = append(out, rel)
		}
		return nil
	})
	return out, err
}

// checkFixed applies edits to pkg's files and type-checks the result
// against the dependencies pkg was checked with.
func checkFixed(t *testing.T, pkg *packages.Package, edits [][]fixes.Edit, clean bool, what string) {
	t.Helper()
	original := make(map[string][]byte)
	read := func(name string) ([]byte, error) {
		b, err := os.ReadFile(name)
		original[name] = b
		return b, err
	}
	fixed, applied, err := fixes.Merge(edits, read)
	if err != nil {
		t.Fatalf("%s: %s: %v", pkg.PkgPath, what, err)
	}
	for i, ok := range applied {
		if !ok {
			t.Errorf("%s: %s: fix %d conflicts with another", pkg.PkgPath, what, i)
		}
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range pkg.CompiledGoFiles {
		src, ok := fixed[name]
		switch {
		case !ok:
			src, err = os.ReadFile(name)
		case clean:
			src, err = fixes.Format(original[name], src, func(path string) string {
				if imp := pkg.Imports[path]; imp != nil {
					return imp.Name
				}
				return ""
			})
		default:
			src, err = format.Source(src)
		}
		if err != nil {
			t.Fatalf("%s: %s: %s: %v", pkg.PkgPath, what, name, err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("%s: %s: the fixed file does not parse: %v\n%s", pkg.PkgPath, what, err, src)
		}
		files = append(files, f)
	}
	// A fix may import a package the original did not (net/http, time):
	// look in the whole import graph.
	all := make(map[string]*types.Package)
	packages.Visit([]*packages.Package{pkg}, nil, func(p *packages.Package) {
		all[p.PkgPath] = p.Types
	})
	std := importer.Default()
	conf := types.Config{Importer: importerFunc(func(path string) (*types.Package, error) {
		if p := all[path]; p != nil {
			return p, nil
		}
		if first, _, _ := strings.Cut(path, "/"); !strings.Contains(first, ".") {
			// A standard package no package of the test imports
			// (math/rand/v2 for a jitter fix).
			return std.Import(path)
		}
		return nil, fmt.Errorf("no package %q", path)
	})}
	if _, err := conf.Check(pkg.PkgPath, fset, files, nil); err != nil {
		t.Errorf("%s: %s: the fixed package does not type-check: %v", pkg.PkgPath, what, err)
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
