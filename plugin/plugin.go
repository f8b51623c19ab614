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
// Findings are reported under the linter name crisislint; the
// //crisislint:ignore comments work as under the command.
package plugin

import (
	"fmt"
	"slices"

	"github.com/crisislint/crisislint/analyzers"
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

// BuildAnalyzers returns analyzers.All, without the disabled ones.
func (l *linter) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	var out []*analysis.Analyzer
	for _, a := range analyzers.All {
		if !slices.Contains(l.disable, a.Name) {
			out = append(out, a)
		}
	}
	return out, nil
}

// GetLoadMode asks golangci-lint for type information: the analyzers need it.
func (l *linter) GetLoadMode() string { return register.LoadModeTypesInfo }
