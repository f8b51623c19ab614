// Package realmod gives tests access to testdata/realmod, a module that
// requires the real third-party libraries crisislint knows (gin, echo,
// sqlx, pgx, gorm, lib/pq) at pinned versions. Tests use it to check that
// the knowledge tables and the analyzers match the real APIs, not only the
// fakes under each analyzer's testdata.
package realmod

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

var (
	once sync.Once
	dir  string
	err  error
)

// Dir returns the directory of the module, after downloading its
// requirements from the module proxy (once per test binary).
func Dir(t testing.TB) string {
	t.Helper()
	once.Do(func() {
		_, file, _, _ := runtime.Caller(0)
		dir = filepath.Join(filepath.Dir(file), "..", "..", "testdata", "realmod")
		cmd := exec.Command("go", "mod", "download")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off")
		if out, e := cmd.CombinedOutput(); e != nil {
			err = &downloadError{out: string(out), err: e}
		}
	})
	if err != nil {
		t.Fatalf("downloading the modules of %s: %v", dir, err)
	}
	return dir
}

type downloadError struct {
	out string
	err error
}

func (e *downloadError) Error() string { return e.err.Error() + "\n" + e.out }

// SlowTests names the environment variable that runs the slow checks
// against the real modules (CI sets it): go test ./... stays quick.
const SlowTests = "CRISISLINT_SLOW_TESTS"

// CheckFromSource loads the packages of the module that the analyzers'
// patterns name with every dependency from source, once; runs all the
// analyzers over all of them at once, as go vet -vettool does over a
// program, so that they meet the libraries' real code; and checks the
// findings of each analyzer on its own packages against their // want
// comments. It type-checks gin, echo, gorm, pgx and the standard library
// from source: it runs only when SlowTests is set.
func CheckFromSource(t *testing.T, patterns map[*analysis.Analyzer][]string) {
	t.Helper()
	if os.Getenv(SlowTests) == "" {
		t.Skipf("type-checks the real libraries from source; set %s=1 to run it (CI does)", SlowTests)
	}
	dir := Dir(t)
	var all []string
	var as []*analysis.Analyzer
	for a, ps := range patterns {
		as = append(as, a)
		all = append(all, ps...)
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly"),
	}, all...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("the packages of %s do not load", dir)
	}
	graph, err := checker.Analyze(as, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, act := range graph.Roots {
		if !slices.Contains(patterns[act.Analyzer], act.Package.PkgPath) {
			continue
		}
		if act.Err != nil {
			t.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
			continue
		}
		w := Wants(t, act.Package.Fset, act.Package.Syntax)
		for _, d := range act.Diagnostics {
			w.Match(t, act.Package.Fset.Position(d.Pos), act.Analyzer.Name, d.Message)
		}
		w.Unmatched(t, act.Analyzer.Name)
	}
}

// Expectations are the findings the // want comments of some files
// expect, by line. A comment
//
//	// want `regexp` "regexp" ...
//
// expects, on its line, one finding per pattern whose message matches
// it. Facts (package:"..." and name:"...") are checked by the analyzers'
// own tests, and skipped.
type Expectations map[Line][]*regexp.Regexp

// Line is a line of a file.
type Line struct {
	File string
	Line int
}

// Wants reads the // want comments of files.
func Wants(t *testing.T, fset *token.FileSet, files []*ast.File) Expectations {
	t.Helper()
	wants := make(Expectations)
	for _, f := range files {
		for _, g := range f.Comments {
			for _, c := range g.List {
				text, ok := strings.CutPrefix(c.Text, "// want ")
				if !ok {
					continue
				}
				pos := fset.Position(c.Slash)
				for text = strings.TrimSpace(text); text != ""; text = strings.TrimSpace(text) {
					fact := false
					if i := strings.IndexAny(text, "`\""); i > 0 {
						text, fact = text[i:], true
					}
					pattern, rest, err := cutQuoted(text)
					if err != nil {
						t.Errorf("%s: %v", pos, err)
						break
					}
					text = rest
					if fact {
						continue
					}
					re, err := regexp.Compile(pattern)
					if err != nil {
						t.Errorf("%s: %v", pos, err)
						break
					}
					k := Line{pos.Filename, pos.Line}
					wants[k] = append(wants[k], re)
				}
			}
		}
	}
	return wants
}

// Match checks a finding against the expectations of its line.
func (w Expectations) Match(t *testing.T, pos token.Position, analyzer, message string) {
	t.Helper()
	k := Line{pos.Filename, pos.Line}
	i := slices.IndexFunc(w[k], func(re *regexp.Regexp) bool { return re.MatchString(message) })
	if i < 0 {
		t.Errorf("%s: unexpected finding of %s: %s", pos, analyzer, message)
		return
	}
	w[k] = slices.Delete(w[k], i, i+1)
}

// Unmatched reports the expectations no finding met.
func (w Expectations) Unmatched(t *testing.T, analyzer string) {
	t.Helper()
	for k, res := range w {
		for _, re := range res {
			t.Errorf("%s:%d: no finding of %s matches %q", k.File, k.Line, analyzer, re)
		}
	}
}

// cutQuoted reads the Go string literal that text starts with.
func cutQuoted(text string) (value, rest string, err error) {
	lit, err := strconv.QuotedPrefix(text)
	if err != nil {
		return "", "", fmt.Errorf("want: %q: %v", text, err)
	}
	value, err = strconv.Unquote(lit)
	return value, text[len(lit):], err
}
