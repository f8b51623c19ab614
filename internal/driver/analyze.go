package driver

import (
	"cmp"
	"go/token"
	"slices"

	"github.com/crisislint/crisislint/internal/engine"
	"github.com/crisislint/crisislint/internal/fixes"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
)

// Request says what to analyze: the packages, how to build them, and
// with which analyzers. Every way of running crisislint (the command, the
// pre-commit hook, the language server) asks through it.
type Request struct {
	// Dir is the directory the patterns are relative to; "" is the
	// working directory.
	Dir      string
	Patterns []string
	Tests    bool   // also the test packages
	Tags     string // comma-separated build tags
	// Overlay maps absolute file names to contents that replace what is
	// on disk: an editor's unsaved buffers.
	Overlay   map[string][]byte
	Analyzers []*analysis.Analyzer
	// Graphs, when set, keeps the package graph between the requests of
	// a long-lived process (the language server): see engine.Graphs.
	Graphs *engine.Graphs
}

// Finding is one finding, resolved to file positions, as every output
// shows it.
type Finding struct {
	Analyzer string
	Package  string // the ID of the first package it was reported in
	Pos, End token.Position
	Message  string
	Severity report.Severity
	// Related are the other places of the same root cause.
	Related []Related
	// Fix is the first suggested fix, or nil.
	Fix *Fix
}

// Related is another place of a finding's root cause.
type Related struct {
	Pos, End token.Position
	Message  string
}

// Fix is a suggested fix, resolved to byte offsets in files.
type Fix struct {
	Message string
	Edits   []fixes.Edit
	// names maps the import paths of the package the fix is in to their
	// package names, to format the imports a fix adds.
	names map[string]string
}

// Outcome is what an analysis found.
type Outcome struct {
	Findings []Finding // sorted by position, each once
	// Problems name the packages that could not be analyzed, and why,
	// one line each: nothing is skipped silently.
	Problems []string
	// Notes name the dependencies whose effects could not be learned.
	Notes []string
	Stats engine.Stats
}

// Analyze loads the packages of the request and runs its analyzers.
// An error means nothing could be analyzed; packages that did not load
// are named in the outcome's problems, and the others analyzed.
func Analyze(req Request) (*Outcome, error) {
	res, err := engine.Run(engine.Config{
		Dir:       req.Dir,
		Patterns:  req.Patterns,
		Tests:     req.Tests,
		Tags:      req.Tags,
		Overlay:   req.Overlay,
		Analyzers: req.Analyzers,
		Graphs:    req.Graphs,
	})
	if err != nil {
		return nil, err
	}
	out := &Outcome{Problems: res.Problems, Notes: res.Notes, Stats: res.Stats}
	for _, p := range res.Packages {
		for _, d := range p.Diagnostics {
			out.Findings = append(out.Findings, newFinding(d.Analyzer.Name, p, res.Fset, d.Diagnostic))
		}
	}
	out.Findings = dedupe(out.Findings)
	return out, nil
}

func newFinding(analyzer string, pkg *engine.Package, fset *token.FileSet, d analysis.Diagnostic) Finding {
	f := Finding{
		Analyzer: analyzer,
		Package:  pkg.ID,
		Pos:      fset.Position(d.Pos),
		End:      fset.Position(d.End),
		Message:  d.Message,
		Severity: report.SeverityOf(d),
	}
	if !d.End.IsValid() {
		f.End = f.Pos
	}
	for _, r := range d.Related {
		rel := Related{Pos: fset.Position(r.Pos), End: fset.Position(r.End), Message: r.Message}
		if !r.End.IsValid() {
			rel.End = rel.Pos
		}
		f.Related = append(f.Related, rel)
	}
	if len(d.SuggestedFixes) > 0 {
		fix := &d.SuggestedFixes[0]
		f.Fix = &Fix{Message: fix.Message, Edits: fixes.Resolve(fset, fix), names: make(map[string]string)}
		for _, imp := range pkg.Types.Imports() {
			f.Fix.names[imp.Path()] = imp.Name()
		}
	}
	return f
}

// dedupe drops findings repeated because a file belongs to two packages
// (p and p's test variant), and sorts them by position.
func dedupe(found []Finding) []Finding {
	slices.SortStableFunc(found, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Filename, b.Pos.Filename),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			cmp.Compare(a.Analyzer, b.Analyzer),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(len(a.Package), len(b.Package)), // p before "p [p.test]"
			cmp.Compare(a.Package, b.Package),
		)
	})
	return slices.CompactFunc(found, func(a, b Finding) bool {
		return a.Pos == b.Pos && a.Analyzer == b.Analyzer && a.Message == b.Message
	})
}
