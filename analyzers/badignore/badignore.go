package badignore

import (
	"fmt"
	"strings"

	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
)

// Analyzer reports malformed //crisislint:ignore comments.
var Analyzer = &analysis.Analyzer{
	Name: "badignore",
	Doc:  Doc.String(),
	URL:  Doc.URL(),
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
				var known, unknown []string
				for _, name := range ig.Names {
					if analyzerdoc.Known(name) {
						known = append(known, name)
					} else {
						unknown = append(unknown, name)
					}
				}
				for _, name := range unknown {
					// The report path suppresses the names it is given: a
					// comment with one good name among typos still works
					// for the good one.
					effect := ", so it suppresses nothing"
					if len(known) > 0 {
						effect = "; the comment suppresses " + strings.Join(known, ", ") + " only"
					}
					rep.Add(report.Finding{Pos: c.Pos(), End: c.End(), Severity: report.Warning,
						Message: fmt.Sprintf("this crisislint:ignore comment names %q, which is not a crisislint analyzer%s; known analyzers: %s",
							name, effect, strings.Join(analyzerdoc.Names(), ", "))})
				}
			}
		}
	}
	return nil, nil
}
