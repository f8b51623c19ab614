// Package plugin registers crisislint as a golangci-lint module plugin.
// In .custom-gcl.yml:
//
//	version: v2.15.0
//	plugins:
//	  - module: github.com/crisislint/crisislint
//	    import: github.com/crisislint/crisislint/plugin
//	    version: latest
//
// then in .golangci.yml:
//
//	linters:
//	  enable: [crisislint]
//	  settings:
//	    custom:
//	      crisislint:
//	        type: module
//	        settings:
//	          disable: [queryinloop]   # optional
//
// Findings are reported under the linter name crisislint, as
// "analyzer: severity: message"; the //crisislint:ignore comments work as
// under the command. golangci-lint takes an issue's severity only from its
// severity rules, never from the diagnostic, so the severity travels in
// the text, where a rule can match it (see the README).
package plugin

import (
	"fmt"
	"slices"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

func init() {
	register.Plugin("crisislint", New)
}

// Settings are the plugin's settings in .golangci.yml.
type Settings struct {
	// Disable names analyzers not to run.
	Disable []string `json:"disable"`
}

// New returns the plugin for golangci-lint.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, err
	}
	for _, name := range s.Disable {
		if analyzers.ByName(name) == nil {
			return nil, fmt.Errorf("crisislint: unknown analyzer %q in disable", name)
		}
	}
	return &linter{disable: s.Disable}, nil
}

type linter struct{ disable []string }

// BuildAnalyzers returns analyzers.All, without the disabled ones, each
// reporting its findings' severity in their text.
func (l *linter) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	var out []*analysis.Analyzer
	for _, a := range analyzers.All {
		if !slices.Contains(l.disable, a.Name) {
			out = append(out, withSeverity(a))
		}
	}
	return out, nil
}

// withSeverity returns a copy of a whose diagnostics start with their
// severity ("error: ", "warning: ", "note: "), which report.Severity
// carries in the diagnostic's Category.
func withSeverity(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	c.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			d.Message = report.SeverityOf(d).String() + ": " + d.Message
			pass.Report(d)
		}
		return a.Run(&p)
	}
	return &c
}

// GetLoadMode asks golangci-lint for type information: the analyzers need it.
func (l *linter) GetLoadMode() string { return register.LoadModeTypesInfo }
