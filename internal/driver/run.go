package driver

import (
	"cmp"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// finding is one diagnostic, resolved to file positions and deduplicated
// across the packages (a file of package p is also in p's test variant).
type finding struct {
	Analyzer string
	Package  string // the ID of the first package it was reported in
	Pos, End token.Position
	Message  string
	Fix      *analysis.SuggestedFix // the first suggested fix, if any
	fset     *token.FileSet
	pkg      *types.Package
}

// loadMode loads the named packages from source, and their dependencies
// only as export data: crisislint knows libraries from its tables, and
// learns the program's own code through facts (see prune).
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

func run(cfg *config, stdout, stderr io.Writer) int {
	if path := os.Getenv("CRISISLINT_CPUPROFILE"); path != "" {
		// For measuring crisislint itself; see bench/.
		if f, err := os.Create(path); err == nil {
			defer func() { _ = f.Close() }() // after StopCPUProfile wrote the profile
			if pprof.StartCPUProfile(f) == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	pcfg := &packages.Config{Mode: loadMode, Tests: cfg.tests}
	if cfg.tags != "" {
		pcfg.BuildFlags = []string{"-tags=" + cfg.tags}
	}
	pkgs, err := packages.Load(pcfg, cfg.patterns...)
	if err != nil {
		fmt.Fprintf(stderr, "crisislint: %v\n", err)
		return ExitError
	}
	if len(pkgs) == 0 {
		fmt.Fprintf(stderr, "crisislint: no packages matched %s\n", strings.Join(cfg.patterns, " "))
		return ExitError
	}
	named := make(map[string]bool, len(pkgs)) // the IDs of the packages to report on
	for _, p := range pkgs {
		named[p.ID] = true
	}
	if own := ownImports(pcfg, cfg.patterns, pkgs); len(own) > 0 {
		// Load them from source too, so that their facts reach the named
		// packages: crisislint ./api/... must see what ./store does.
		if pkgs, err = packages.Load(pcfg, append(slices.Clone(cfg.patterns), own...)...); err != nil {
			fmt.Fprintf(stderr, "crisislint: %v\n", err)
			return ExitError
		}
	}

	boundHeap()
	code := ExitClean
	source := loaded(pkgs, stderr)
	if len(source) < len(pkgs) {
		code = ExitError
	}
	prune(source)
	var roots []*packages.Package
	for _, p := range source {
		if named[p.ID] {
			roots = append(roots, p)
		}
	}

	var found []finding
	if len(roots) > 0 {
		graph, err := checker.Analyze(throttle(cfg.analyzers), roots, nil)
		if err != nil {
			fmt.Fprintf(stderr, "crisislint: %v\n", err)
			return ExitError
		}
		for act := range graph.All() {
			if !act.IsRoot {
				continue
			}
			if act.Err != nil {
				fmt.Fprintf(stderr, "crisislint: %s: %s: %v\n", act.Package.PkgPath, act.Analyzer.Name, act.Err)
				code = ExitError
				continue
			}
			for _, d := range act.Diagnostics {
				found = append(found, newFinding(act, d))
			}
		}
	}
	found = dedupe(found)

	unfixed := len(found)
	if cfg.fix {
		fixed, err := applyFixes(found, cfg.diff, stdout, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "crisislint: %v\n", err)
			code = ExitError
		}
		if !cfg.diff {
			unfixed -= fixed
		}
	}
	var perr error
	switch cfg.format {
	case "json":
		perr = printJSON(stdout, found)
	case "sarif":
		perr = printSARIF(stdout, found)
	default:
		if !cfg.diff {
			printText(stdout, found)
		}
	}
	if perr != nil {
		fmt.Fprintf(stderr, "crisislint: %v\n", perr)
		return ExitError
	}
	if code == ExitClean && unfixed > 0 {
		code = ExitFindings
	}
	return code
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

// loaded prints the errors of packages that did not load or type-check,
// naming each package, and returns the packages that can be analyzed.
func loaded(pkgs []*packages.Package, stderr io.Writer) []*packages.Package {
	var ok []*packages.Package
	seen := make(map[string]bool)
	for _, p := range pkgs {
		if len(p.Errors) == 0 && !p.IllTyped && p.Types != nil {
			ok = append(ok, p)
			continue
		}
		for _, e := range p.Errors {
			for _, line := range errorLines(e) {
				msg := fmt.Sprintf("crisislint: package %s: %s", cmp.Or(p.PkgPath, p.ID), line)
				if !seen[msg] {
					seen[msg] = true
					fmt.Fprintln(stderr, msg)
				}
			}
		}
		if len(p.Errors) == 0 {
			fmt.Fprintf(stderr, "crisislint: package %s: did not type-check\n", cmp.Or(p.PkgPath, p.ID))
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

func newFinding(act *checker.Action, d analysis.Diagnostic) finding {
	fset := act.Package.Fset
	f := finding{
		Analyzer: act.Analyzer.Name,
		Package:  act.Package.ID,
		Pos:      fset.Position(d.Pos),
		End:      fset.Position(d.End),
		Message:  d.Message,
		fset:     fset,
		pkg:      act.Package.Types,
	}
	if !d.End.IsValid() {
		f.End = f.Pos
	}
	if len(d.SuggestedFixes) > 0 {
		f.Fix = &d.SuggestedFixes[0]
	}
	return f
}

// dedupe drops findings repeated because a file belongs to two packages
// (p and p's test variant), and sorts them by position.
func dedupe(found []finding) []finding {
	slices.SortStableFunc(found, func(a, b finding) int {
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
	return slices.CompactFunc(found, func(a, b finding) bool {
		return a.Pos == b.Pos && a.Analyzer == b.Analyzer && a.Message == b.Message
	})
}

// rel returns filename relative to the working directory when it lies
// below it.
func rel(filename string) string {
	wd, err := os.Getwd()
	if err != nil {
		return filename
	}
	r, err := filepath.Rel(wd, filename)
	if err != nil || strings.HasPrefix(r, "..") {
		return filename
	}
	return r
}

// errorLines returns the lines of a load error, file names made relative;
// the go command's "# package" headers are dropped.
func errorLines(e packages.Error) []string {
	text := e.Msg
	if e.Pos != "" && e.Pos != "-" {
		text = e.Pos + ": " + e.Msg
	}
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "# ") {
			out = append(out, relErr(line))
		}
	}
	return out
}

// relErr shortens the absolute file names at the start of an error.
func relErr(msg string) string {
	if i := strings.Index(msg, ":"); i > 0 && filepath.IsAbs(msg[:i]) {
		return rel(msg[:i]) + msg[i:]
	}
	return msg
}

func position(p token.Position) string {
	return fmt.Sprintf("%s:%d:%d", rel(p.Filename), p.Line, p.Column)
}

func printText(w io.Writer, found []finding) {
	for _, f := range found {
		fmt.Fprintf(w, "%s: %s (%s)\n", position(f.Pos), f.Message, f.Analyzer)
	}
}
