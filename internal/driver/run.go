package driver

import (
	"cmp"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
)

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
	req := Request{Patterns: cfg.patterns, Tests: cfg.tests, Tags: cfg.tags, Analyzers: cfg.analyzers}
	root := ""
	if cfg.baseline != "" || cfg.writeBaseline != "" || cfg.format == "sarif" {
		root = moduleRoot("")
	}
	analyze := func() (*Outcome, error) {
		var out *Outcome
		var err error
		if fileArgs(cfg.patterns) {
			out, err = AnalyzeFiles(req, cfg.patterns)
		} else {
			out, err = Analyze(req)
		}
		if err != nil {
			return nil, err
		}
		// Below the floor a finding is not shown, fixed, counted in the
		// exit code or recorded in a baseline.
		out.Findings = slices.DeleteFunc(out.Findings, func(f Finding) bool { return f.Severity < cfg.floor })
		if cfg.newFromRev != "" {
			// Asked after each analysis: -fix changes lines.
			changed, err := changedSince(".", cfg.newFromRev)
			if err != nil {
				return nil, fmt.Errorf("-new-from-rev: %v", err)
			}
			out.keep(changed.touches)
		}
		if cfg.baseline != "" && cfg.writeBaseline == "" {
			known, err := readBaseline(cfg.baseline, root)
			if err != nil {
				return nil, err
			}
			out.keep(known)
		}
		return out, nil
	}
	out, err := analyze()
	if err != nil {
		fmt.Fprintf(stderr, "crisislint: %v\n", err)
		return ExitError
	}
	if cfg.writeBaseline != "" {
		if err := writeBaseline(cfg.writeBaseline, root, out.Findings); err != nil {
			fmt.Fprintf(stderr, "crisislint: %v\n", err)
			return ExitError
		}
		fmt.Fprintf(stderr, "crisislint: wrote %d %s to %s\n", len(out.Findings), plural(len(out.Findings), "finding", "findings"), cfg.writeBaseline)
		code := ExitClean
		for _, p := range out.Problems {
			fmt.Fprintf(stderr, "crisislint: %s\n", p)
			code = ExitError
		}
		return code
	}
	code := ExitClean
	if cfg.fix {
		fixed, err := applyFixes(out.Findings, cfg.diff, stdout, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "crisislint: %v\n", err)
			code = ExitError
		}
		if fixed > 0 && !cfg.diff {
			// What remains is what to print, at its place in the fixed
			// files: the fixes moved lines (an import dropped, a
			// statement added), and only the analysis knows which
			// findings they settled.
			if out, err = analyze(); err != nil {
				fmt.Fprintf(stderr, "crisislint: after the fixes: %v\n", err)
				return ExitError
			}
		}
	}
	for _, p := range out.Problems {
		fmt.Fprintf(stderr, "crisislint: %s\n", relProblem(p))
		code = ExitError
	}
	for _, n := range out.Notes {
		fmt.Fprintf(stderr, "crisislint: note: %s\n", n)
	}
	if os.Getenv("CRISISLINT_STATS") != "" {
		s := out.Stats
		fmt.Fprintf(stderr, "crisislint: %d packages analyzed; %d dependencies' effects learned, %d of them from the cache; %d packages analyzed again with the whole program's facts\n",
			s.Named, s.Dependencies, s.Cached, s.SecondRound)
	}
	found := out.Findings
	var perr error
	switch cfg.format {
	case "json":
		perr = printJSON(stdout, found)
	case "sarif":
		perr = printSARIF(stdout, found, out.Problems, root, newSources(nil))
	default:
		if !cfg.diff {
			printText(stdout, found)
		}
	}
	if perr != nil {
		fmt.Fprintf(stderr, "crisislint: %v\n", perr)
		return ExitError
	}
	if code == ExitClean && len(found) > 0 {
		code = ExitFindings
	}
	return code
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

// relProblem shortens the file names of a problem the working directory
// holds, as the findings' are.
func relProblem(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	return strings.ReplaceAll(p, wd+string(filepath.Separator), "")
}

func position(p token.Position) string {
	return fmt.Sprintf("%s:%d:%d", rel(p.Filename), p.Line, p.Column)
}

// printText prints one finding a line, what hurts most first: by level,
// then by position.
func printText(w io.Writer, found []Finding) {
	found = slices.Clone(found)
	slices.SortStableFunc(found, func(a, b Finding) int { return cmp.Compare(b.Severity, a.Severity) })
	for _, f := range found {
		fmt.Fprintf(w, "%s: %s: %s (%s)\n", position(f.Pos), f.Severity, f.Message, f.Analyzer)
	}
}
