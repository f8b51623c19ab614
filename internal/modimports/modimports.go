// Package modimports follows the imports of the program's own packages:
// the edges along which what a server's package puts in front of the
// router it serves (a body limit, a deadline on every request's context)
// reaches the handlers of the packages it imports, directly or not. The
// handlers' package does not import the one that builds the server, so
// only the whole program's facts tell (crisislint's engine gives them in
// its second round; a driver that analyzes a package at a time gives
// those of its dependencies, which cannot import it).
//
// An analyzer that follows them exports, from every package, a package
// fact of its own type that embeds Imports (a fact type belongs to one
// analyzer), gathers a Graph from AllPackageFacts, and asks it whether
// the packages that apply what it looks for reach the one analyzed.
package modimports

import (
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
)

// Imports lists the packages of the program's module a package imports.
type Imports struct{ Paths []string }

func (f *Imports) String() string { return "imports " + strings.Join(f.Paths, ", ") }

// Of returns the packages of the program's module that the package
// analyzed imports, sorted (without module information, GOPATH, those
// that are not the standard library's or a library the tables describe),
// or nil: none, or the package is a test binary's generated main, which
// serves nothing.
func Of(pass *analysis.Pass) []string {
	if strings.HasSuffix(pass.Pkg.Path(), ".test") {
		return nil
	}
	var paths []string
	for _, imp := range pass.Pkg.Imports() {
		path := imp.Path()
		if in, known := report.InModule(pass, path); in || !known && !knowledge.Standard(path) && !knowledge.Described(path) {
			paths = append(paths, path)
		}
	}
	slices.Sort(paths)
	return paths
}

// Graph holds the imports of the packages whose facts were gathered, by
// path.
type Graph map[string][]string

// Reaches reports whether one of the packages from is pkg, or imports it
// through the packages of the graph.
func (g Graph) Reaches(from []string, pkg string) bool {
	stack := slices.Clone(from)
	seen := make(map[string]bool)
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if p == pkg {
			return true
		}
		if !seen[p] {
			seen[p] = true
			stack = append(stack, g[p]...)
		}
	}
	return false
}
