package plugin

import (
	"go/ast"
	"testing"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestPlugin(t *testing.T) {
	newPlugin, err := register.GetPlugin("crisislint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(map[string]any{"disable": []string{"queryinloop"}})
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != len(analyzers.All)-1 {
		t.Errorf("got %d analyzers, want all but queryinloop", len(as))
	}
	for _, a := range as {
		if a.Name == "queryinloop" {
			t.Error("queryinloop is disabled but built")
		}
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", p.GetLoadMode())
	}
	if _, err := newPlugin(map[string]any{"disable": []string{"nosuch"}}); err == nil {
		t.Error("an unknown analyzer in disable is accepted")
	}
	if _, err := newPlugin(map[string]any{"enable": true}); err == nil {
		t.Error("an unknown setting is accepted")
	}
}

// The severity a finding carries in its Category starts its text, where a
// golangci-lint severity rule can match it; a diagnostic without one is a
// warning.
func TestSeverityInText(t *testing.T) {
	severities := map[string]string{"E": "error", "W": "", "N": "note"}
	fake := &analysis.Analyzer{
		Name: "fake",
		Doc:  "reports every function with the severity its name asks for",
		Run: func(pass *analysis.Pass) (any, error) {
			for _, f := range pass.Files {
				for _, d := range f.Decls {
					if fd, ok := d.(*ast.FuncDecl); ok {
						pass.Report(analysis.Diagnostic{Pos: fd.Pos(), Category: severities[fd.Name.Name], Message: "found " + fd.Name.Name})
					}
				}
			}
			return nil, nil
		},
	}
	if report.SeverityOf(analysis.Diagnostic{}) != report.Warning {
		t.Fatal("the default severity is no longer a warning: update the README's severity rules")
	}
	analysistest.Run(t, analysistest.TestData(), withSeverity(fake), "p")
}
