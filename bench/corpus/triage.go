package corpus

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Finding is one crisislint finding on a corpus module.
type Finding struct {
	Analyzer string
	File     string // relative to the module's root, with forward slashes
	Line     int
	Function string // the top-level function or method it is in
	Message  string
	Key      string // stable across line shifts: see keys
}

// ParseFindings reads the output of crisislint -json run in dir.
func ParseFindings(out []byte, dir string) ([]Finding, error) {
	var tree map[string]map[string]json.RawMessage
	if len(strings.TrimSpace(string(out))) == 0 {
		return nil, nil
	}
	if err := json.Unmarshal(out, &tree); err != nil {
		return nil, fmt.Errorf("crisislint -json: %v", err)
	}
	var found []Finding
	for _, byAnalyzer := range tree {
		for analyzer, raw := range byAnalyzer {
			var diags []struct {
				Posn    string `json:"posn"`
				Message string `json:"message"`
			}
			if json.Unmarshal(raw, &diags) != nil {
				continue // {"error": "..."}: reported by Robust
			}
			for _, d := range diags {
				file, line := splitPosn(d.Posn)
				if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
					file = rel
				}
				found = append(found, Finding{Analyzer: analyzer, File: filepath.ToSlash(file), Line: line, Message: d.Message})
			}
		}
	}
	slices.SortFunc(found, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Analyzer, b.Analyzer), cmp.Compare(a.Message, b.Message))
	})
	functions(found, dir)
	keys(found)
	return found, nil
}

// splitPosn splits "file.go:12:5" into the file and the line.
func splitPosn(posn string) (string, int) {
	parts := strings.Split(posn, ":")
	if len(parts) < 3 {
		return posn, 0
	}
	line, _ := strconv.Atoi(parts[len(parts)-2])
	return strings.Join(parts[:len(parts)-2], ":"), line
}

// functions names, for each finding, the top-level function it is in.
func functions(found []Finding, dir string) {
	files := make(map[string][]*ast.FuncDecl)
	fsets := make(map[string]*token.FileSet)
	for i := range found {
		f := &found[i]
		decls, ok := files[f.File]
		if !ok {
			fset := token.NewFileSet()
			af, err := parser.ParseFile(fset, filepath.Join(dir, filepath.FromSlash(f.File)), nil, parser.SkipObjectResolution)
			if err == nil {
				for _, d := range af.Decls {
					if fd, ok := d.(*ast.FuncDecl); ok {
						decls = append(decls, fd)
					}
				}
			}
			files[f.File], fsets[f.File] = decls, fset
		}
		f.Function = "(package level)"
		for _, fd := range decls {
			fset := fsets[f.File]
			if fset.Position(fd.Pos()).Line <= f.Line && f.Line <= fset.Position(fd.End()).Line {
				f.Function = funcName(fd)
			}
		}
	}
}

func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		case *ast.Ident:
			return x.Name + "." + fd.Name.Name
		}
		return fd.Name.Name
	}
}

// keys gives each finding a key that survives edits elsewhere in its file:
// a hash of the analyzer, file, function and message, numbered when the
// same function has the same finding more than once. The message's count
// of the other places of its root ("(and 3 more calls of X in this
// package)") is left out: a place added or removed elsewhere in the
// package does not change what this finding is.
func keys(found []Finding) {
	seen := make(map[string]int)
	for i := range found {
		f := &found[i]
		sum := sha256.Sum256([]byte(f.Analyzer + "\x00" + f.File + "\x00" + f.Function + "\x00" + uncounted(f.Message)))
		k := hex.EncodeToString(sum[:6])
		seen[k]++
		if n := seen[k]; n > 1 {
			k += "-" + strconv.Itoa(n)
		}
		f.Key = k
	}
}

// uncounted returns the message without the count of its root's other
// places the report path appends.
func uncounted(msg string) string {
	i := strings.LastIndex(msg, " (and ")
	if i < 0 || !strings.HasSuffix(msg, " in this package)") {
		return msg
	}
	if n := msg[i+len(" (and "):]; n == "" || n[0] < '0' || n[0] > '9' {
		return msg
	}
	return msg[:i]
}

// Verdict is a reader's judgement of one finding, kept in a triage file.
type Verdict struct {
	Analyzer, File, Function, Key string
	Verdict                       string // true, false or debatable
	Reason                        string
	// Root names the root cause the finding is one place of, when other
	// findings share it (one storage layer without contexts, reported in
	// each package that calls it): the report counts distinct roots.
	// Empty: a root of its own.
	Root string
}

// originalPrefix marks, in a blind row's last column, the verdict the
// triage file had when the row was sampled.
const originalPrefix = "original="

// Verdicts a triage file may give.
const (
	True      = "true"
	False     = "false"
	Debatable = "debatable"
)

const triageHeader = "# Verdicts on crisislint's findings on %s. Columns: analyzer, file, function, key, verdict (true, false or debatable), reason, and, for a finding that shares its root cause with others, a name of the root.\n# A false verdict is a bug to fix, and a negative test, not a row to keep.\n"

// ReadTriage reads a triage file; a missing file has no verdicts.
func ReadTriage(path string) ([]Verdict, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read only
	var out []Verdict
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.SplitN(line, "\t", 7)
		if len(cols) < 5 {
			return nil, fmt.Errorf("%s:%d: want 6 or 7 tab-separated columns", path, n)
		}
		for len(cols) < 7 {
			cols = append(cols, "")
		}
		out = append(out, Verdict{cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]})
	}
	return out, sc.Err()
}

// WriteTriage writes a triage file, sorted by file and key.
func WriteTriage(path, module string, vs []Verdict) error {
	slices.SortFunc(vs, func(a, b Verdict) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Function, b.Function), cmp.Compare(a.Analyzer, b.Analyzer), cmp.Compare(a.Key, b.Key))
	})
	var b strings.Builder
	fmt.Fprintf(&b, triageHeader, module)
	for _, v := range vs {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s", v.Analyzer, v.File, v.Function, v.Key, v.Verdict, v.Reason)
		if v.Root != "" {
			fmt.Fprintf(&b, "\t%s", v.Root)
		}
		b.WriteString("\n")
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// Tally counts the verdicts of one analyzer's findings.
type Tally struct {
	True, False, Debatable, Missing int
	// roots are the distinct root causes of the findings: a name from
	// the triage file, or the finding's own key.
	roots map[string]bool
}

// Roots is the number of distinct root causes among the findings.
func (t Tally) Roots() int { return len(t.roots) }

// All is true/(true+false+debatable), debatable counting against: the
// share of findings a maintainer acts on. -1 when nothing was judged.
func (t Tally) All() float64 {
	if t.True+t.False+t.Debatable == 0 {
		return -1
	}
	return float64(t.True) / float64(t.True+t.False+t.Debatable)
}

// Precision is true/(true+false), or -1 when nothing was judged.
func (t Tally) Precision() float64 {
	if t.True+t.False == 0 {
		return -1
	}
	return float64(t.True) / float64(t.True+t.False)
}

// Compare matches findings with verdicts by key: the tally per analyzer,
// the findings that have no verdict yet, and the verdicts whose finding
// disappeared.
func Compare(found []Finding, vs []Verdict) (map[string]*Tally, []Finding, []Verdict) {
	byKey := make(map[string]Verdict)
	for _, v := range vs {
		byKey[v.Key] = v
	}
	tallies := make(map[string]*Tally)
	used := make(map[string]bool)
	var missing []Finding
	for _, f := range found {
		t := tallies[f.Analyzer]
		if t == nil {
			t = &Tally{roots: make(map[string]bool)}
			tallies[f.Analyzer] = t
		}
		v, ok := byKey[f.Key]
		used[f.Key] = true
		t.roots[cmp.Or(v.Root, f.Key)] = true
		switch {
		case !ok || v.Verdict == "":
			t.Missing++
			missing = append(missing, f)
		case v.Verdict == True:
			t.True++
		case v.Verdict == False:
			t.False++
		default:
			t.Debatable++
		}
	}
	var stale []Verdict
	for _, v := range vs {
		if !used[v.Key] {
			stale = append(stale, v)
		}
	}
	return tallies, missing, stale
}

// Merge returns the verdicts of a triage file with a row, without a
// verdict, for each finding it lacks: the skeleton a reader fills in.
func Merge(found []Finding, vs []Verdict) []Verdict {
	have := make(map[string]bool)
	for _, v := range vs {
		have[v.Key] = true
	}
	out := slices.Clone(vs)
	for _, f := range found {
		if !have[f.Key] {
			out = append(out, Verdict{Analyzer: f.Analyzer, File: f.File, Function: f.Function, Key: f.Key})
		}
	}
	return out
}

// Prune returns the verdicts of the findings that still exist, and the
// ones it dropped: a finding a fix removed leaves a verdict on nothing (a
// false one is a bug fixed, whose negative test now stands beside the
// rule).
func Prune(found []Finding, vs []Verdict) (kept, dropped []Verdict) {
	have := make(map[string]bool)
	for _, f := range found {
		have[f.Key] = true
	}
	for _, v := range vs {
		if have[v.Key] {
			kept = append(kept, v)
		} else {
			dropped = append(dropped, v)
		}
	}
	return kept, dropped
}

// BlindReport reads the blind re-readings in triageDir/blind (files
// blind-ANALYZER.tsv: rows of the triage files' shape whose verdicts a
// reader gave without seeing the originals) and says, per analyzer, how
// often the reader agreed with the triage files, and the precision the
// reader's verdicts give. A row whose last column is "original=VERDICT"
// is compared with the verdict the triage file had when it was sampled:
// a verdict changed after the re-reading (because of it) does not turn a
// disagreement into an agreement.
func BlindReport(triageDir string) (string, error) {
	paths, err := filepath.Glob(filepath.Join(triageDir, "blind", "blind-*.tsv"))
	if err != nil || len(paths) == 0 {
		return "", err
	}
	orig := make(map[string]Verdict)
	all, err := filepath.Glob(filepath.Join(triageDir, "*.tsv"))
	if err != nil {
		return "", err
	}
	for _, p := range all {
		vs, err := ReadTriage(p)
		if err != nil {
			return "", err
		}
		for _, v := range vs {
			orig[v.Analyzer+" "+v.Key] = v
		}
	}
	var b strings.Builder
	b.WriteString("\n## Blind re-reading\n\nA helper who had not seen the triage files judged a random sample of each analyzer's findings marked true (bench/triage/blind, made with the blind-triage tool). Disagreement is the share of the sample where the reader's verdict differs.\n\n| analyzer | sample | agree | disagreement | reader's true/all | reader's true/(true+false) |\n| --- | --- | --- | --- | --- | --- |\n")
	slices.Sort(paths)
	for _, p := range paths {
		vs, err := ReadTriage(p)
		if err != nil {
			return "", err
		}
		var t Tally
		agree, n := 0, 0
		analyzer := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "blind-"), ".tsv")
		for _, v := range vs {
			o, ok := orig[v.Analyzer+" "+v.Key]
			if was, sampled := strings.CutPrefix(v.Root, originalPrefix); sampled {
				o, ok = Verdict{Verdict: was}, true
			}
			if !ok || v.Verdict == "" {
				continue
			}
			n++
			if o.Verdict == v.Verdict {
				agree++
			}
			switch v.Verdict {
			case True:
				t.True++
			case False:
				t.False++
			default:
				t.Debatable++
			}
		}
		if n == 0 {
			continue
		}
		prec := "n/a" // the reader found nothing true or false
		if p := t.Precision(); p >= 0 {
			prec = fmt.Sprintf("%.0f %%", 100*p)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %.0f %% | %.0f %% | %s |\n", analyzer, n, agree, 100*float64(n-agree)/float64(n), 100*t.All(), prec)
	}
	return b.String(), nil
}
