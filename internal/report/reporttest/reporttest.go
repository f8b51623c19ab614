// Package reporttest lets analysistest check a finding's level: an
// analyzer wrapped by Levels starts each message with its level, so a
// test writes
//
//	http.NewRequest("GET", u, nil) // want `^error: http.NewRequest cannot be cancelled`
//
// and a finding reported at another level fails it. Suggested fixes and
// facts are untouched.
package reporttest

import (
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
)

// Levels returns a copy of a that reports "LEVEL: message".
func Levels(a *analysis.Analyzer) *analysis.Analyzer {
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
