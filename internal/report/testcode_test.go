package report_test

import (
	"go/ast"
	"testing"

	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// everyFunc reports every function declaration, as an analyzer would
// report a crisis in it, after the quick exit analyzers take for test
// code: the report path and IsTestCode must agree on what test code is.
var everyFunc = &analysis.Analyzer{
	Name: "everyfunc",
	Doc:  "everyfunc: report every function declaration (for report's tests)",
	Run: func(pass *analysis.Pass) (any, error) {
		rep := report.New(pass)
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				rep.Add(report.Finding{Pos: fd.Name.Pos(), End: fd.Name.End(), Message: "flush " + fd.Name.Name})
				if !report.IsTestCode(pass, fd.Pos()) {
					report.Node(pass, fd.Name, "node "+fd.Name.Name)
				}
			}
		}
		rep.Flush()
		return nil, nil
	},
}

// TestTestCode checks what test code is: _test.go files, and packages of
// test support (their files, _test.go ones aside, import testing or a
// testing library). Names do not decide: testimonials, contests and
// test_results.go are production code; and testing.Testing() is asked
// by production code.
func TestTestCode(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), everyFunc,
		"testimonials", "contests/...", "e2e/...", "fixtures", "assertions", "clock", "store/...")
}
