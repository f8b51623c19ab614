package badignore

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// Analyzer reports malformed //crisislint:ignore comments.
var Analyzer = &analysis.Analyzer{
	Name: "badignore",
	Doc:  analyzerdoc.MustExtract(doc, "badignore"),
	URL:  "https://github.com/crisislint/crisislint/tree/main/analyzers/badignore",
	Run:  report.Guard(run),
}

func run(pass *analysis.Pass) (any, error) {
	rep := report.New(pass)
	defer rep.Flush()
	for _, f := range pass.Files {
		for _, g := range f.Comments {
			for _, c := range g.List {
				ig, ok, problem := report.ParseIgnore(c.Text)
				if !ok {
					continue
				}
				if problem != "" {
					rep.Add(report.Finding{Pos: c.Pos(), End: c.End(), Severity: report.Warning,
						Message: fmt.Sprintf("this crisislint:ignore comment %s, so it suppresses nothing; write %s ANALYZER REASON", problem, report.Directive)})
					continue
				}
				for _, name := range ig.Names {
					if !knowledge.IsAnalyzer(name) {
						rep.Add(report.Finding{Pos: c.Pos(), End: c.End(), Severity: report.Warning,
							Message: fmt.Sprintf("this crisislint:ignore comment names %q, which is not a crisislint analyzer, so it suppresses nothing; known analyzers: %s",
								name, strings.Join(knowledge.Analyzers, ", "))})
					}
				}
			}
		}
	}
	return nil, nil
}
