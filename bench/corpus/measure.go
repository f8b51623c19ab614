package corpus

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Tool is a linter measured on the corpus, with the command that runs it
// on every package of a module.
type Tool struct {
	Name string
	Cmd  func(m Module) (env []string, name string, args []string)
}

// Standard tools, besides crisislint itself.
const (
	StaticcheckVersion = "v0.8.2"
	GolangciVersion    = "v2.15.0"
)

// The tools' names in results and reports.
const (
	CrisislintCold  = "crisislint cold"
	CrisislintWarm  = "crisislint warm"
	Floor           = "type-check floor"
	GoVet           = "go vet"
	StaticcheckCold = "staticcheck cold"
	StaticcheckWarm = "staticcheck warm"
	Golangci        = "golangci-lint"
)

// Tools returns, in the order they run: crisislint (the binary at
// crisislint) with an empty cache of dependencies' facts, then again with
// the cache the first run filled; the type-check floor (the binary at
// floor); go vet, after a warm-up, with its results cached, as in a
// developer's loop; and, when their binaries are in bin, staticcheck with
// an empty cache of its own, then warm, and golangci-lint with gosec,
// noctx and bodyclose and an empty cache, as in a fresh CI job.
func Tools(crisislint, floor, bin, cacheDir string) []Tool {
	facts := func(m Module) string { return filepath.Join(cacheDir, "crisislint-facts-"+m.Name) }
	sccache := func(m Module) string { return filepath.Join(cacheDir, "staticcheck-"+m.Name) }
	tools := []Tool{
		{Name: CrisislintCold, Cmd: func(m Module) ([]string, string, []string) {
			_ = os.RemoveAll(facts(m))
			return []string{"CRISISLINT_CACHE=" + facts(m)}, crisislint, []string{"-json", "./..."}
		}},
		{Name: CrisislintWarm, Cmd: func(m Module) ([]string, string, []string) {
			return []string{"CRISISLINT_CACHE=" + facts(m)}, crisislint, []string{"-json", "./..."}
		}},
		{Name: Floor, Cmd: func(Module) ([]string, string, []string) {
			return nil, floor, []string{"./..."}
		}},
		{Name: GoVet, Cmd: func(Module) ([]string, string, []string) {
			return nil, "go", []string{"vet", "./..."}
		}},
	}
	if sc := filepath.Join(bin, "staticcheck"); exists(sc) {
		tools = append(tools,
			Tool{Name: StaticcheckCold, Cmd: func(m Module) ([]string, string, []string) {
				_ = os.RemoveAll(sccache(m))
				return []string{"STATICCHECK_CACHE=" + sccache(m)}, sc, []string{"./..."}
			}},
			Tool{Name: StaticcheckWarm, Cmd: func(m Module) ([]string, string, []string) {
				return []string{"STATICCHECK_CACHE=" + sccache(m)}, sc, []string{"./..."}
			}})
	}
	if gl := filepath.Join(bin, "golangci-lint"); exists(gl) {
		tools = append(tools, Tool{Name: Golangci, Cmd: func(Module) ([]string, string, []string) {
			return []string{"GOLANGCI_LINT_CACHE=" + fresh(cacheDir, "golangci")}, gl,
				[]string{"run", "--no-config", "--default", "none", "-E", "gosec", "-E", "noctx", "-E", "bodyclose", "--output.text.path", "/dev/null", "./..."}
		}})
	}
	return tools
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// fresh returns an empty directory for a tool's cache.
func fresh(dir, name string) string {
	d, err := os.MkdirTemp(dir, name+"-cache-")
	if err != nil {
		return os.TempDir()
	}
	return d
}

// Result is what was measured on one module.
type Result struct {
	Module   Module
	Usage    map[string]Usage
	Findings []Finding
	Errors   []string // what the tools said went wrong
}

// Measure runs every tool on the module copied in dir.
func Measure(m Module, dir string, tools []Tool) Result {
	res := Result{Module: m, Usage: make(map[string]Usage)}
	// Warm the build cache (and go vet's results) first, so that no tool
	// pays for compiling the module's dependencies.
	if _, _, _, err := Run(m.Env, dir, "go", "vet", "./..."); err != nil {
		res.Errors = append(res.Errors, "warming up: "+err.Error())
	}
	for _, t := range tools {
		env, name, args := t.Cmd(m)
		out, stderr, u, err := Run(append(slices.Clone(m.Env), env...), dir, name, args...)
		res.Usage[t.Name] = u
		if err != nil {
			res.Errors = append(res.Errors, fmt.Sprintf("%s: %v", t.Name, err))
		}
		if t.Name != CrisislintWarm {
			continue
		}
		if strings.Contains(string(stderr), "panic:") {
			res.Errors = append(res.Errors, "crisislint panicked:\n"+firstLines(string(stderr), 20))
		}
		found, perr := ParseFindings(out, dir)
		if perr != nil {
			res.Errors = append(res.Errors, perr.Error())
		}
		res.Findings = found
	}
	return res
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// Report writes the markdown report of a measuring run: per module, each
// tool's cost and crisislint's ratios to go vet and staticcheck; per
// analyzer, findings and precision from the triage files in triageDir.
func Report(results []Result, triageDir string, when time.Time) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "# crisislint on the corpus\n\nMeasured %s on %d modules. Wall time and peak resident memory of one run each, with the Go build cache warm; staticcheck and golangci-lint (gosec, noctx, bodyclose) start with empty caches of their own, go vet with its results cached.\n\n",
		when.UTC().Format("2006-01-02"), len(results))

	b.WriteString("## Cost\n\ncrisislint cold starts with an empty cache of dependencies' facts; warm is the next run. staticcheck cold starts with an empty cache; warm is the next run. The type-check floor lists the packages and type-checks them from source, their dependencies read from export data.\n\n")
	b.WriteString("| module | crisislint cold | crisislint warm | type-check floor | go vet | staticcheck cold | staticcheck warm | golangci-lint | cold / staticcheck cold | warm / floor | warm / staticcheck warm | cold memory / staticcheck cold |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, r := range results {
		cold, warm := r.Usage[CrisislintCold], r.Usage[CrisislintWarm]
		fmt.Fprintf(&b, "| %s@%s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.Module.Name, r.Module.Version,
			usage(r.Usage, CrisislintCold), usage(r.Usage, CrisislintWarm), usage(r.Usage, Floor), usage(r.Usage, GoVet),
			usage(r.Usage, StaticcheckCold), usage(r.Usage, StaticcheckWarm), usage(r.Usage, Golangci),
			ratio(cold.Wall.Seconds(), r.Usage[StaticcheckCold].Wall.Seconds()),
			ratio(warm.Wall.Seconds(), r.Usage[Floor].Wall.Seconds()),
			ratio(warm.Wall.Seconds(), r.Usage[StaticcheckWarm].Wall.Seconds()),
			ratio(float64(cold.Peak), float64(r.Usage[StaticcheckCold].Peak)))
	}

	total := make(map[string]*Tally)
	var details strings.Builder
	for _, r := range results {
		vs, err := ReadTriage(filepath.Join(triageDir, r.Module.Name+".tsv"))
		if err != nil {
			return "", err
		}
		tallies, missing, stale := Compare(r.Findings, vs)
		for a, t := range tallies {
			if total[a] == nil {
				total[a] = &Tally{roots: make(map[string]bool)}
			}
			total[a].True += t.True
			total[a].False += t.False
			total[a].Debatable += t.Debatable
			total[a].Missing += t.Missing
			for root := range t.roots {
				total[a].roots[r.Module.Name+" "+root] = true // a module's roots are its own
			}
		}
		if len(missing)+len(stale)+len(r.Errors) == 0 {
			continue
		}
		fmt.Fprintf(&details, "\n### %s\n\n", r.Module.Name)
		for _, e := range r.Errors {
			fmt.Fprintf(&details, "- error: %s\n", e)
		}
		for _, f := range missing {
			fmt.Fprintf(&details, "- no verdict: %s %s:%d (%s) %s `%s`\n", f.Analyzer, f.File, f.Line, f.Function, f.Key, f.Message)
		}
		for _, v := range stale {
			fmt.Fprintf(&details, "- verdict without a finding: %s %s (%s) %s %s\n", v.Analyzer, v.File, v.Function, v.Key, v.Verdict)
		}
	}

	b.WriteString("\n## Precision, from the triage files\n\nEvery finding has a verdict read on its own code: true (a maintainer acts on it), false, or debatable. true/all counts debatable against; true/(true+false) leaves it out. A finding is one reported diagnostic (the places it lists as related are part of it); roots are the distinct root causes the findings name (a storage layer without contexts, reported in each package that calls it, is one).\n\n| analyzer | findings | roots | true | false | debatable | no verdict | true/all | true/(true+false) |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	names := make([]string, 0, len(total))
	for a := range total {
		names = append(names, a)
	}
	slices.Sort(names)
	pct := func(x float64) string {
		if x < 0 {
			return "n/a"
		}
		return fmt.Sprintf("%.1f %%", 100*x)
	}
	for _, a := range names {
		t := total[a]
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %d | %s | %s |\n", a, t.True+t.False+t.Debatable+t.Missing, t.Roots(),
			t.True, t.False, t.Debatable, t.Missing, pct(t.All()), pct(t.Precision()))
	}
	blind, err := BlindReport(triageDir)
	if err != nil {
		return "", err
	}
	b.WriteString(blind)
	if details.Len() > 0 {
		b.WriteString("\n## To look at\n")
		b.WriteString(details.String())
	}
	return b.String(), nil
}

func usage(us map[string]Usage, tool string) string {
	u, ok := us[tool]
	if !ok {
		return "not run"
	}
	return fmt.Sprintf("%.1f s, %d MB", u.Wall.Seconds(), u.Peak>>20)
}

func ratio(a, b float64) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", a/b)
}

// ByName sorts results by module name.
func ByName(rs []Result) {
	slices.SortFunc(rs, func(a, b Result) int { return cmp.Compare(a.Module.Name, b.Module.Name) })
}
