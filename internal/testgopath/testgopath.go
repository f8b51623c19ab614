// Package testgopath lays out the GOPATH an analyzer's tests run in: the
// analyzer's own testdata/src beside the fake third-party packages (gin,
// echo, pgx, gorm, ...) that all analyzers share, kept once in
// testdata/stubs/src at the module root. analysistest takes a single
// GOPATH directory, so the two are copied into a temporary one.
//
// The fakes are small and only for unit tests; analyzers/realmod_test.go
// and internal/knowledge check the tables against the real modules.
package testgopath

import (
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// Dir returns a GOPATH holding testdata/src (testdata as given, relative
// to the test's package directory) and the shared stubs.
func Dir(t testing.TB, testdata string) string {
	t.Helper()
	stubs, err := stubsDir()
	if err != nil {
		t.Fatal(err)
	}
	shadowed(t, filepath.Join(testdata, "src"))
	dir := t.TempDir()
	for _, src := range []string{filepath.Join(testdata, "src"), stubs} {
		if err := os.CopyFS(filepath.Join(dir, "src"), os.DirFS(src)); err != nil {
			t.Fatalf("testgopath: %v", err)
		}
	}
	return dir
}

// Load lays out the GOPATH as Dir does and loads the packages from it
// with syntax and types, as analysistest does; it fails the test if any
// does not load.
func Load(t testing.TB, testdata string, patterns ...string) (gopath string, pkgs []*packages.Package) {
	t.Helper()
	gopath = Dir(t, testdata)
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  gopath,
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
	}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("testgopath: the packages in %s do not load", testdata)
	}
	return gopath, pkgs
}

// AnalyzeOwn limits the analysis of pkgs to the packages of the GOPATH
// (the testdata and the stubs), as the crisislint command limits it to
// the program's own packages: the standard library is loaded from source
// but not analyzed, which costs most of the time otherwise. It keeps, in
// the import graph, only the edges between those packages, and returns a
// function that puts the others back (type-checking a fixed file needs
// them).
func AnalyzeOwn(gopath string, pkgs []*packages.Package) (restore func()) {
	own := make(map[*packages.Package]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.GoFiles) > 0 && strings.HasPrefix(p.GoFiles[0], gopath) {
			own[p] = true
		}
	})
	saved := make(map[*packages.Package]map[string]*packages.Package, len(own))
	for p := range own {
		saved[p] = p.Imports
		p.Imports = make(map[string]*packages.Package)
		for path, imp := range saved[p] {
			if own[imp] {
				p.Imports[path] = imp
			}
		}
	}
	return func() {
		for p, imports := range saved {
			p.Imports = imports
		}
	}
}

// stubsDir finds testdata/stubs/src in the enclosing module's root.
func stubsDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "testdata", "stubs", "src"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// shadowed fails the test when a package of testdata has the import path
// of a standard library package: GOPATH mode resolves the path to the
// standard library's, and the test silently checks that one instead
// (a package named structs, since Go 1.23).
func shadowed(t testing.TB, src string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() || path == src {
			return nil
		}
		rel, _ := filepath.Rel(src, path)
		if p, err := build.Default.Import(filepath.ToSlash(rel), "", build.FindOnly); err == nil && p.Goroot && hasGo(p.Dir) {
			t.Fatalf("testgopath: testdata package %s has the path of a standard library package, which GOPATH mode loads instead: rename it", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("testgopath: %v", err)
	}
}

// hasGo reports whether a directory holds Go files: GOROOT's cmd is a
// directory, not a package.
func hasGo(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	return len(m) > 0
}
