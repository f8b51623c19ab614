// Package enginetest runs analyzers the way the crisislint command does,
// through internal/engine, on the packages of a real module, and checks
// their diagnostics against the files' // want comments, as analysistest
// does: `// want "regexp"` (or a back-quoted one; several may follow one
// want) on a line expects a diagnostic there whose message matches, or
// a related place of one (another place of its root cause).
//
// analysistest type-checks every dependency from source in every test
// and knows nothing of the engine's second round; this runs the product's
// own path: dependencies' facts computed once and cached, the whole
// program's facts for the packages that ask. Expectations of facts
// (`// want name:"fact"`) are analysistest's and are ignored here; the
// comments are read as realmod reads them.
package enginetest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/crisislint/crisislint/internal/engine"
	"github.com/crisislint/crisislint/internal/realmod"
	"golang.org/x/tools/go/analysis"
)

// Run analyzes the packages the patterns name in dir and checks the
// diagnostics of the analyzers (only theirs: not those of other analyzers
// of the same files) against the want comments of the packages' files.
func Run(t *testing.T, dir string, analyzers []*analysis.Analyzer, patterns ...string) {
	t.Helper()
	res, err := engine.Run(engine.Config{Dir: dir, Patterns: patterns, Analyzers: analyzers})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Errorf("problem: %s", p)
	}
	var files []*ast.File
	fset := token.NewFileSet()
	for _, p := range res.Packages {
		for _, name := range p.GoFiles {
			f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
	}
	wants := realmod.Wants(t, fset, files)
	for _, p := range res.Packages {
		for _, d := range p.Diagnostics {
			wants.Match(t, res.Fset.Position(d.Pos), d.Analyzer.Name, d.Message)
			// The other places of a finding's root cause are findings
			// there too, each with its own message.
			for _, r := range d.Related {
				wants.Match(t, res.Fset.Position(r.Pos), d.Analyzer.Name, r.Message)
			}
		}
	}
	wants.Unmatched(t, "the analyzers")
}
