// Package driver is the crisislint command: it parses flags, loads the
// packages, runs the analyzers, prints the findings as text, JSON or
// SARIF, and applies suggested fixes.
//
// The exit code tells a script what happened: 0 no findings, 1 findings,
// 2 a usage error or packages that did not load (findings of the packages
// that did load are still printed).
package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
)

// Exit codes.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitError    = 2
)

// config is what the command line asks for.
type config struct {
	format    string // "text", "json" or "sarif"
	fix, diff bool
	tests     bool
	tags      string
	floor     report.Severity // findings below it are not shown
	// newFromRev, baseline and writeBaseline: see "Adopting crisislint
	// on an existing service" in the README.
	newFromRev, baseline, writeBaseline string
	analyzers                           []*analysis.Analyzer
	patterns                            []string
}

const usage = `crisislint finds the code-level causes of production crises in Go services.

Usage:
  crisislint [flags] packages...     analyze packages (patterns as for go build: ./...)
  crisislint [flags] files.go...     analyze the packages of these files, report findings in these files
  crisislint help [analyzer]         describe the analyzers, or one of them
  crisislint lsp                     a language server for editors (LSP over stdin and stdout)
  go vet -vettool=$(command -v crisislint) packages...

Exit status: 0 no findings, 1 findings, 2 usage error or packages that did not load.

Flags:
`

// Main runs the command with the arguments that follow the program name
// and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stdout, stderr)
	switch {
	case errors.Is(err, errDone):
		return ExitClean
	case err != nil:
		fmt.Fprintf(stderr, "crisislint: %v\n", err)
		return ExitError
	}
	return run(cfg, stdout, stderr)
}

// errDone ends a run that printed what was asked (help, -explain).
var errDone = errors.New("done")

func parseFlags(args []string, stdout, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("crisislint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		jsonOut = fs.Bool("json", false, "print findings as JSON (the go/analysis JSON shape)")
		sarif   = fs.Bool("sarif", false, "print findings as SARIF 2.1.0, for code scanning")
		fix     = fs.Bool("fix", false, "apply the suggested fixes")
		diff    = fs.Bool("diff", false, "with -fix, print the fixes as a unified diff instead of applying them")
		tests   = fs.Bool("test", false, "also load test packages (crisislint reports nothing in test code, so this only costs time)")
		tags    = fs.String("tags", "", "comma-separated build tags")
		checks  = fs.String("checks", "", "comma-separated analyzers to run (default: all)")
		explain = fs.String("explain", "", "print the documentation of an analyzer and exit")
		newFrom = fs.String("new-from-rev", "", "report only findings on lines changed since this git revision (committed, staged or not)")
		base    = fs.String("baseline", "", "report only findings not recorded in this baseline file")
		writeB  = fs.String("write-baseline", "", "write the current findings to this baseline file, print nothing and exit 0")
		version = fs.Bool("version", false, "print the versions of crisislint, golang.org/x/tools and Go, and exit")
		level   = fs.String("severity", "note", "show only findings of this level or above: note, warning or error")
	)
	enabled := make(map[string]*bool)
	for _, a := range analyzers.All {
		enabled[a.Name] = fs.Bool(a.Name, true, "run "+a.Name+": "+summary(a))
	}
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, errDone
		}
		return nil, fmt.Errorf("%v (run crisislint -h for usage)", err)
	}
	rest := fs.Args()

	if *version {
		printVersion(stdout)
		return nil, errDone
	}
	if *explain != "" {
		return nil, explainAnalyzer(*explain, stdout)
	}
	if len(rest) > 0 && rest[0] == "help" {
		if len(rest) == 1 {
			fmt.Fprint(stdout, usage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			fmt.Fprintln(stdout, "\nAnalyzers:")
			for _, a := range analyzers.All {
				fmt.Fprintf(stdout, "  %-15s %s\n", a.Name, summary(a))
			}
			return nil, errDone
		}
		for _, name := range rest[1:] {
			if err := explainAnalyzer(name, stdout); !errors.Is(err, errDone) {
				return nil, err
			}
		}
		return nil, errDone
	}
	if len(rest) == 0 {
		fs.Usage()
		return nil, errors.New("no packages to analyze (try crisislint ./...)")
	}
	if *jsonOut && *sarif {
		return nil, errors.New("-json and -sarif cannot be used together")
	}
	if *diff && !*fix {
		*fix = true
	}

	floor, ok := report.ParseSeverity(*level)
	if !ok {
		return nil, fmt.Errorf("-severity %q: want note, warning or error", *level)
	}
	cfg := &config{format: "text", fix: *fix, diff: *diff, tests: *tests, tags: *tags, floor: floor, patterns: rest,
		newFromRev: *newFrom, baseline: *base, writeBaseline: *writeB}
	switch {
	case *jsonOut:
		cfg.format = "json"
	case *sarif:
		cfg.format = "sarif"
	}
	var only []string
	if *checks != "" {
		for name := range strings.SplitSeq(*checks, ",") {
			name = strings.TrimSpace(name)
			if analyzers.ByName(name) == nil {
				return nil, unknownAnalyzer(name)
			}
			only = append(only, name)
		}
	}
	for _, a := range analyzers.All {
		if *enabled[a.Name] && (only == nil || slices.Contains(only, a.Name)) {
			cfg.analyzers = append(cfg.analyzers, a)
		}
	}
	if len(cfg.analyzers) == 0 {
		return nil, errors.New("every analyzer is disabled")
	}
	return cfg, nil
}

func explainAnalyzer(name string, stdout io.Writer) error {
	a := analyzers.ByName(name)
	if a == nil {
		return unknownAnalyzer(name)
	}
	fmt.Fprintf(stdout, "%s\n\n%s\n", a.Doc, a.URL)
	return errDone
}

func unknownAnalyzer(name string) error {
	var names []string
	for _, a := range analyzers.All {
		names = append(names, a.Name)
	}
	return fmt.Errorf("unknown analyzer %q; known analyzers: %s", name, strings.Join(names, ", "))
}

// summary returns the first line of an analyzer's doc, without its name.
func summary(a *analysis.Analyzer) string {
	first, _, _ := strings.Cut(a.Doc, "\n")
	return strings.TrimPrefix(first, a.Name+": ")
}
