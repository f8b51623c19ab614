package corpus

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestMeasureFixture runs the measuring code end to end on a small module:
// crisislint and go vet are measured, the findings parsed and compared
// with a triage file, and the report written.
func TestMeasureFixture(t *testing.T) {
	if testing.Short() {
		t.Skip("builds crisislint")
	}
	tmp := t.TempDir()
	crisislint := filepath.Join(tmp, "crisislint")
	floor := filepath.Join(tmp, "floor")
	for bin, pkg := range map[string]string{crisislint: "../../cmd/crisislint", floor: "../cmd/floor"} {
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			t.Fatalf("building %s: %v\n%s", pkg, err, out)
		}
	}
	dir, _ := filepath.Abs("testdata/fixture")
	m := Module{Name: "fixture", Path: "example.com/fixture", Version: "v0.0.0"}
	res := Measure(m, dir, Tools(crisislint, floor, filepath.Join(tmp, "no-bin"), tmp))
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	for _, tool := range []string{CrisislintCold, CrisislintWarm, Floor, GoVet} {
		if u := res.Usage[tool]; u.Wall <= 0 || u.Peak <= 0 {
			t.Errorf("%s: no usage measured: %+v", tool, u)
		}
	}
	if len(res.Findings) != 2 {
		t.Fatalf("want 2 findings, got %+v", res.Findings)
	}
	f := res.Findings[0]
	if f.Analyzer != "sqlconcat" || f.File != "store/store.go" || f.Function != "Store.ByName" || f.Line != 8 {
		t.Errorf("first finding: %+v", f)
	}

	// The triage file has a verdict for ByName's finding under its key,
	// and one for a finding that is gone.
	triageDir := filepath.Join(tmp, "triage")
	if err := os.MkdirAll(triageDir, 0o755); err != nil {
		t.Fatal(err)
	}
	byName := res.Findings[0]
	err := WriteTriage(filepath.Join(triageDir, "fixture.tsv"), "example.com/fixture", []Verdict{
		{Analyzer: "sqlconcat", File: "store/store.go", Function: "Store.ByName", Key: byName.Key, Verdict: True, Reason: "a value spliced in quotes"},
		{Analyzer: "sqlconcat", File: "store/old.go", Function: "Old", Key: "0123456789ab", Verdict: False, Reason: "gone"},
	})
	if err != nil {
		t.Fatal(err)
	}
	report, err := Report([]Result{res}, triageDir, time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| fixture@v0.0.0 |",
		"| sqlconcat | 2 | 2 | 1 | 0 | 0 | 1 | 100.0 % | 100.0 % |",
		"- no verdict: sqlconcat store/store.go:13 (Store.ByEmail)",
		"- verdict without a finding: sqlconcat store/old.go (Old) 0123456789ab false",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}

// Keys survive edits elsewhere in the file: the same finding, moved down
// by a line, keeps its key.
func TestKeysSurviveLineShifts(t *testing.T) {
	a := []Finding{{Analyzer: "sqlconcat", File: "a.go", Line: 10, Function: "F", Message: "m"}}
	b := []Finding{{Analyzer: "sqlconcat", File: "a.go", Line: 11, Function: "F", Message: "m"}}
	keys(a)
	keys(b)
	if a[0].Key != b[0].Key {
		t.Errorf("key changed with the line: %s, %s", a[0].Key, b[0].Key)
	}
	d := []Finding{{Analyzer: "sqlconcat", File: "a.go", Line: 10, Function: "F", Message: "m (and 2 more calls of (*x.T).F in this package)"}}
	keys(d)
	if d[0].Key != a[0].Key {
		t.Errorf("key changed with the count of the root's other places: %s, %s", a[0].Key, d[0].Key)
	}
	c := []Finding{a[0], a[0]}
	keys(c)
	if c[0].Key == c[1].Key {
		t.Errorf("two findings of a function share a key: %s", c[0].Key)
	}
}

func TestPrecision(t *testing.T) {
	if p := (Tally{True: 9, False: 1, Debatable: 5}).Precision(); p != 0.9 {
		t.Errorf("precision %v, want 0.9", p)
	}
	if p := (Tally{Debatable: 2}).Precision(); p != -1 {
		t.Errorf("precision with nothing judged: %v, want -1", p)
	}
}

// pinned matches a release or a pseudo-version: not a branch, not latest.
var pinned = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+incompatible)?$`)

// TestCorpusDefinition checks bench/corpus.json: every service has a
// unique name and a pinned version, and its go mod edit flags are flags.
func TestCorpusDefinition(t *testing.T) {
	mods, err := Load("../corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, m := range mods {
		if m.Name == "" || m.Path == "" || seen[m.Name] {
			t.Errorf("%+v: a name and a module path, each name once", m)
		}
		seen[m.Name] = true
		if !pinned.MatchString(m.Version) {
			t.Errorf("%s: version %q is not pinned to a release or pseudo-version", m.Name, m.Version)
		}
		for _, f := range m.ModEdit {
			if !strings.HasPrefix(f, "-") {
				t.Errorf("%s: go mod edit takes flags, not %q", m.Name, f)
			}
		}
	}
}

func TestPrune(t *testing.T) {
	found := []Finding{{Analyzer: "queryinloop", Key: "a"}, {Analyzer: "handlerblock", Key: "c"}}
	vs := []Verdict{{Analyzer: "queryinloop", Key: "a", Verdict: True}, {Analyzer: "queryinloop", Key: "b", Verdict: False}}
	kept, dropped := Prune(found, vs)
	if len(kept) != 1 || kept[0].Key != "a" || len(dropped) != 1 || dropped[0].Key != "b" {
		t.Errorf("Prune kept %v, dropped %v; want a kept, b dropped", kept, dropped)
	}
	if merged := Merge(found, kept); len(merged) != 2 || merged[1].Key != "c" || merged[1].Verdict != "" {
		t.Errorf("Merge after Prune = %v; want a, then c without a verdict", merged)
	}
}

// A blind row that records the verdict the triage file had when it was
// sampled is compared with that one, not with a verdict changed since.
func TestBlindReportComparesWithSampledVerdict(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("svc.tsv", "a\tf.go\tF\tk1\tdebatable\tre-read after the blind reading\n"+
		"a\tf.go\tG\tk2\ttrue\tstill true\n")
	write("blind/blind-a.tsv", "a\tf.go\tF\tk1\tdebatable\tthe reader's\toriginal=true\n"+
		"a\tf.go\tG\tk2\ttrue\tthe reader's\n")
	got, err := BlindReport(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := "| a | 2 | 1 | 50 % |"; !strings.Contains(got, want) {
		t.Errorf("BlindReport = %q, want a row with %q", got, want)
	}
}
