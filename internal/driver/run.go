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

	"golang.org/x/tools/go/packages"
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
	out, err := Analyze(Request{Patterns: cfg.patterns, Tests: cfg.tests, Tags: cfg.tags, Analyzers: cfg.analyzers})
	if err != nil {
		fmt.Fprintf(stderr, "crisislint: %v\n", err)
		return ExitError
	}
	code := ExitClean
	for _, p := range out.Problems {
		fmt.Fprintf(stderr, "crisislint: %s\n", p)
		code = ExitError
	}
	found := slices.DeleteFunc(out.Findings, func(f Finding) bool { return f.Severity < cfg.floor })

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

// printText prints one finding a line, what hurts most first: by level,
// then by position.
func printText(w io.Writer, found []Finding) {
	found = slices.Clone(found)
	slices.SortStableFunc(found, func(a, b Finding) int { return cmp.Compare(b.Severity, a.Severity) })
	for _, f := range found {
		fmt.Fprintf(w, "%s: %s: %s (%s)\n", position(f.Pos), f.Severity, f.Message, f.Analyzer)
	}
}
