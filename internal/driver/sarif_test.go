package driver

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/crisislint/crisislint/internal/report"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchemaModule ships the OASIS SARIF 2.1.0 schema (errata01) as a
// Go string; the test reads it from the module cache rather than keep a
// copy of it here.
const (
	sarifSchemaModule = "github.com/owenrumney/go-sarif/v3@v3.3.1"
	sarifSchemaFile   = "pkg/report/v210/sarif/schema.go"
	sarifSchemaID     = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

// sarifSchema compiles the SARIF 2.1.0 schema, with format assertions.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", sarifSchemaModule).Output()
	if err != nil {
		t.Fatalf("go mod download %s: %v", sarifSchemaModule, err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(mod.Dir, sarifSchemaFile), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var text string
	ast.Inspect(f, func(n ast.Node) bool {
		if v, ok := n.(*ast.ValueSpec); ok && len(v.Names) == 1 && v.Names[0].Name == "schema" {
			text, _ = strconv.Unquote(v.Values[0].(*ast.BasicLit).Value)
		}
		return text == ""
	})
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		t.Fatalf("the schema in %s: %v", sarifSchemaModule, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(sarifSchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchemaID)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// validSARIF checks out against the schema and returns it decoded.
func validSARIF(t *testing.T, sch *jsonschema.Schema, out []byte) sarifLog {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v", err)
	}
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	return log
}

// repoRoot is the crisislint module's root.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// sarifFrom runs crisislint -sarif with args in dir.
func sarifFrom(t *testing.T, dir string, args ...string) (out []byte, code int) {
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code = Main(append([]string{"-sarif"}, args...), &stdout, &stderr)
	return stdout.Bytes(), code
}

func uris(log sarifLog) []string {
	var out []string
	for _, r := range log.Runs[0].Results {
		a := r.Locations[0].PhysicalLocation.ArtifactLocation
		out = append(out, a.URIBaseID+" "+a.URI)
	}
	return out
}

// The demo's SARIF validates, from the module root and from the demo's
// directory, with the same URIs under %SRCROOT%.
func TestSARIFDemo(t *testing.T) {
	sch := sarifSchema(t)
	root := repoRoot()
	fromRoot, code := sarifFrom(t, root, "./examples/demo")
	if code != ExitFindings {
		t.Fatalf("exit code %d, want %d", code, ExitFindings)
	}
	logRoot := validSARIF(t, sch, fromRoot)
	fromSub, _ := sarifFrom(t, filepath.Join(root, "examples", "demo"), ".")
	logSub := validSARIF(t, sch, fromSub)

	a, b := uris(logRoot), uris(logSub)
	if len(a) == 0 || strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Fatalf("URIs differ by where crisislint ran:\nroot:\n%s\nexamples/demo:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	for _, u := range a {
		if !strings.HasPrefix(u, "%SRCROOT% examples/demo/") {
			t.Errorf("URI %q is not relative to %%SRCROOT%%, the module root", u)
		}
	}
	base := logRoot.Runs[0].OriginalURIBaseIDs[srcRoot].URI
	if abs, _ := filepath.Abs(root); base != "file://"+filepath.ToSlash(abs)+"/" {
		t.Errorf("%%SRCROOT%% is %q, want the module root %q", base, abs)
	}
	fixes := 0
	for _, r := range logRoot.Runs[0].Results {
		fixes += len(r.Fixes)
		if rule := logRoot.Runs[0].Tool.Driver.Rules[r.RuleIndex]; rule.ID != r.RuleID {
			t.Errorf("result of %s points at rule %s", r.RuleID, rule.ID)
		}
	}
	if fixes == 0 {
		t.Errorf("no fixes in the demo's SARIF")
	}
}

// Each severity has its level, and the other places of a root cause are
// related locations with their own messages.
func TestSARIFLevelsAndRelated(t *testing.T) {
	sch := sarifSchema(t)
	dir := writeModule(t, map[string]string{"go.mod": "module example.com/app\n\ngo 1.26\n", "a.go": "package a\n\nfunc F() {}\n\nfunc G() {}\n"})
	file := filepath.Join(dir, "a.go")
	at := func(line, col int) token.Position { return token.Position{Filename: file, Line: line, Column: col} }
	found := []Finding{
		{Analyzer: "sqlconcat", Pos: at(3, 1), End: at(3, 5), Message: "e", Severity: report.Error},
		{Analyzer: "queryinloop", Pos: at(3, 6), End: at(3, 7), Message: "w", Severity: report.Warning,
			Related: []Related{{Pos: at(5, 6), End: at(5, 7), Message: "also here"}}},
		{Analyzer: "handlerblock", Pos: at(5, 1), End: at(5, 5), Message: "n", Severity: report.Note},
	}
	var buf bytes.Buffer
	if err := printSARIF(&buf, found, nil, dir, newSources(nil)); err != nil {
		t.Fatal(err)
	}
	log := validSARIF(t, sch, buf.Bytes())
	var levels []string
	for _, r := range log.Runs[0].Results {
		levels = append(levels, r.Level)
	}
	if got := strings.Join(levels, " "); got != "error warning note" {
		t.Errorf("levels %q, want error warning note", got)
	}
	rel := log.Runs[0].Results[1].RelatedLocations
	if len(rel) != 1 || rel[0].Message.Text != "also here" || rel[0].PhysicalLocation.Region.StartLine != 5 ||
		rel[0].PhysicalLocation.ArtifactLocation.URI != "a.go" {
		t.Errorf("related locations %+v", rel)
	}
}

func writeModule(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Columns count UTF-16 code units, as the run says: "é" is two bytes and
// one unit, "𝄞" four bytes and two units. A fix's regions count the same.
func TestSARIFColumnsUTF16(t *testing.T) {
	sch := sarifSchema(t)
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/app\n\ngo 1.26\n",
		"store/store.go": `package store

import "database/sql"

func Open(dsn string) (*sql.DB, error) { return sql.Open("mysql", dsn) }

func ByName(db *sql.DB, name string) error {
	/* é𝄞 */ _, err := db.Query("SELECT id FROM users WHERE name = '" + name + "'")
	return err
}
`,
	})
	out, _ := sarifFrom(t, dir, "./...")
	log := validSARIF(t, sch, out)
	if got := log.Runs[0].ColumnKind; got != "utf16CodeUnits" {
		t.Fatalf("columnKind %q", got)
	}
	if len(log.Runs[0].Results) != 1 {
		t.Fatalf("want one result, got %s", out)
	}
	r := log.Runs[0].Results[0]
	// "\t/* é𝄞 */ _, err := db.Query(" is 33 bytes and 30 UTF-16 units;
	// the SQL argument starts after them.
	if got := r.Locations[0].PhysicalLocation.Region.StartColumn; got != 31 {
		t.Errorf("startColumn %d, want 31 (UTF-16), not 34 (bytes)", got)
	}
	if len(r.Fixes) != 1 {
		t.Fatalf("want the placeholder fix, got %d", len(r.Fixes))
	}
	for _, c := range r.Fixes[0].ArtifactChanges {
		if c.ArtifactLocation.URI != "store/store.go" || c.ArtifactLocation.URIBaseID != srcRoot {
			t.Errorf("fix artifact %+v", c.ArtifactLocation)
		}
		for _, rep := range c.Replacements {
			if d := rep.DeletedRegion; d.StartLine == 8 && d.StartColumn < 31 {
				t.Errorf("fix region starts at column %d, before the call", d.StartColumn)
			}
		}
	}
}

// A run with nothing to report is still a valid log, with an empty
// results array; a package that did not load is a notification of an
// invocation that did not succeed.
func TestSARIFEmptyAndProblems(t *testing.T) {
	sch := sarifSchema(t)
	dir := writeModule(t, map[string]string{
		"go.mod":      "module example.com/app\n\ngo 1.26\n",
		"ok/ok.go":    "package ok\n\nfunc F() {}\n",
		"bad/bad.go":  "package bad\n\nfunc G() { undefined() }\n",
		"none/doc.go": "package none\n",
	})
	out, code := sarifFrom(t, dir, "./ok")
	log := validSARIF(t, sch, out)
	if code != ExitClean || log.Runs[0].Results == nil || len(log.Runs[0].Results) != 0 || !bytes.Contains(out, []byte(`"results": []`)) {
		t.Errorf("clean run: exit %d, results %v", code, log.Runs[0].Results)
	}
	if inv := log.Runs[0].Invocations; len(inv) != 1 || !inv[0].ExecutionSuccessful {
		t.Errorf("clean run: invocations %+v", inv)
	}

	out, code = sarifFrom(t, dir, "./...")
	log = validSARIF(t, sch, out)
	inv := log.Runs[0].Invocations
	if code != ExitError || len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].Notifications) == 0 ||
		!strings.Contains(inv[0].Notifications[0].Message.Text, "example.com/app/bad") {
		t.Errorf("run with a broken package: exit %d, invocations %+v", code, inv)
	}
}
