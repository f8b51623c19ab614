package driver

import (
	"cmp"
	"fmt"
	"go/token"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/fixes"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
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
}

// loadMode loads the named packages from source, and their dependencies
// only as export data: crisislint knows libraries from its tables, and
// learns the program's own code through facts (see prune).
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// Analyze loads the packages of the request and runs its analyzers.
// An error means nothing could be analyzed; packages that did not load
// are named in the outcome's problems, and the others analyzed.
func Analyze(req Request) (*Outcome, error) {
	pcfg := &packages.Config{Mode: loadMode, Dir: req.Dir, Tests: req.Tests, Overlay: req.Overlay}
	if req.Tags != "" {
		pcfg.BuildFlags = []string{"-tags=" + req.Tags}
	}
	pkgs, err := packages.Load(pcfg, req.Patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("no packages matched %s", strings.Join(req.Patterns, " "))
	}
	named := make(map[string]bool, len(pkgs)) // the IDs of the packages to report on
	for _, p := range pkgs {
		named[p.ID] = true
	}
	if own := ownImports(pcfg, req.Patterns, pkgs); len(own) > 0 {
		// Load them from source too, so that their facts reach the named
		// packages: crisislint ./api/... must see what ./store does.
		if pkgs, err = packages.Load(pcfg, append(slices.Clone(req.Patterns), own...)...); err != nil {
			return nil, err
		}
	}

	boundHeap()
	out := &Outcome{}
	source := loaded(pkgs, &out.Problems)
	prune(source)
	var roots []*packages.Package
	for _, p := range source {
		if named[p.ID] {
			roots = append(roots, p)
		}
	}
	if len(roots) == 0 {
		return out, nil
	}
	graph, err := checker.Analyze(throttle(req.Analyzers), roots, nil)
	if err != nil {
		return nil, err
	}
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			out.Problems = append(out.Problems, fmt.Sprintf("%s: %s: %v", act.Package.PkgPath, act.Analyzer.Name, act.Err))
			continue
		}
		for _, d := range act.Diagnostics {
			out.Findings = append(out.Findings, newFinding(act.Analyzer.Name, act.Package, d))
		}
	}
	out.Findings = dedupe(out.Findings)
	return out, nil
}

// boundHeap caps the heap at a little more than what the loaded packages
// need. Analysis allocates much short-lived data on top of the syntax and
// types it reads; without a cap the collector lets the heap grow to twice
// the loaded size before it reclaims that garbage. A soft limit (the
// collector works harder near it, and never fails an allocation) keeps the
// peak near the cost of loading, for a few percent of CPU.
func boundHeap() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return // the user chose
	}
	// The live heap as of the last collection, without forcing one (on a
	// large program a forced collection costs a good part of a second).
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	live := int64(sample[0].Value.Uint64())
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	debug.SetMemoryLimit(max(live*5/4, int64(ms.HeapAlloc)) + 64<<20)
}

// throttle returns copies of the analyzers that run on at most GOMAXPROCS
// packages at a time. The checker starts every package whose dependencies
// are done at once; the work is CPU-bound, so running more at a time only
// keeps more of their transient data alive together.
func throttle(as []*analysis.Analyzer) []*analysis.Analyzer {
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	out := make([]*analysis.Analyzer, len(as))
	for i, a := range as {
		c := *a
		c.Run = func(pass *analysis.Pass) (any, error) {
			sem <- struct{}{}
			defer func() { <-sem }()
			return a.Run(pass)
		}
		out[i] = &c
	}
	return out
}

// loaded names the packages that did not load or type-check, with their
// errors, in problems, and returns the packages that can be analyzed.
func loaded(pkgs []*packages.Package, problems *[]string) []*packages.Package {
	var ok []*packages.Package
	seen := make(map[string]bool)
	for _, p := range pkgs {
		if len(p.Errors) == 0 && !p.IllTyped && p.Types != nil {
			ok = append(ok, p)
			continue
		}
		for _, e := range p.Errors {
			for _, line := range errorLines(e) {
				msg := fmt.Sprintf("package %s: %s", cmp.Or(p.PkgPath, p.ID), line)
				if !seen[msg] {
					seen[msg] = true
					*problems = append(*problems, msg)
				}
			}
		}
		if len(p.Errors) == 0 {
			*problems = append(*problems, fmt.Sprintf("package %s: did not type-check", cmp.Or(p.PkgPath, p.ID)))
		}
	}
	return ok
}

// ownImports returns the packages of the named packages' own modules that
// they import, directly or not, without naming them: crisislint ./api/...
// run from a module whose ./store the handlers call. Only a named package
// importing a path under its own module's path sends it to go list again.
func ownImports(pcfg *packages.Config, patterns []string, named []*packages.Package) []string {
	ids := make(map[string]bool, len(named))
	paths := make(map[string]bool, len(named))
	for _, p := range named {
		ids[p.ID] = true
		paths[p.PkgPath] = true
	}
	missing := false
	for _, p := range named {
		for path := range p.Imports {
			if p.Module != nil && !paths[path] && within(path, p.Module.Path) {
				missing = true
			}
		}
	}
	if !missing {
		return nil
	}
	list := *pcfg
	list.Mode = packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedModule
	pkgs, err := packages.Load(&list, patterns...)
	if err != nil {
		return nil // the load that matters reports it
	}
	modules := make(map[string]bool)
	for _, p := range pkgs {
		if p.Module != nil {
			modules[p.Module.Path] = true
		}
	}
	var own []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if !ids[p.ID] && !paths[p.PkgPath] && p.ID == p.PkgPath && p.Module != nil && modules[p.Module.Path] {
			own = append(own, p.PkgPath)
		}
	})
	slices.Sort(own)
	return own
}

// within reports whether the import path is in the module (or a module
// nested in it, which the go list that follows tells apart).
func within(path, module string) bool {
	return path == module || strings.HasPrefix(path, module+"/")
}

// prune keeps, in the import graph of the packages to analyze, only the
// edges between them. The checker then runs the analyzers (and their
// facts) on the program's own packages, loaded from source, and not on
// the standard library and modules it imports, which are loaded from
// export data and which the knowledge tables describe. It is what keeps
// a run close to the cost of type-checking the packages themselves.
func prune(roots []*packages.Package) {
	in := make(map[*packages.Package]bool, len(roots))
	for _, p := range roots {
		in[p] = true
	}
	for _, p := range roots {
		imports := make(map[string]*packages.Package)
		for path, imp := range p.Imports {
			if in[imp] {
				imports[path] = imp
			}
		}
		p.Imports = imports
	}
}

func newFinding(analyzer string, pkg *packages.Package, d analysis.Diagnostic) Finding {
	fset := pkg.Fset
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
