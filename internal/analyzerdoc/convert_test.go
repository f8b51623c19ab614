package analyzerdoc

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"honnef.co/go/tools/analysis/lint"
)

// The analyzers' doc.go files used to hold the documentation as prose in
// the package comment, in a "# Analyzer NAME" section. This converts one
// such doc.go to a Doc, mechanically:
//
//	go test ./internal/analyzerdoc -run TestConvert -convert ../../analyzers/NAME/doc.go
//
// rewrites the doc.go and the analyzer's NAME.go next to it. What stays
// to do by hand: the Severity (the converter writes a warning), and a
// look at the result.
var convert = flag.String("convert", "", "comma-separated doc.go files of the old format to convert in place")

// TestConvert converts the files named by -convert, or else checks the
// conversion on an old doc.go: the Doc it makes reads as the old text did.
func TestConvert(t *testing.T) {
	if *convert == "" {
		old, err := os.ReadFile("testdata/olddoc.go.txt")
		if err != nil {
			t.Fatal(err)
		}
		intro, d, err := parseOld(old)
		if err != nil {
			t.Fatal(err)
		}
		if intro != "Package sqlconcat defines an Analyzer that reports SQL text built from\nnon-constant strings and sent to a database: the code-level cause of SQL\ninjection." {
			t.Errorf("intro = %q", intro)
		}
		if d.Name != "sqlconcat" || d.Crisis != "an attacker drops a table through a search box" ||
			d.Title != "SQL built from non-constant strings (SQL injection)" || !d.Fixes {
			t.Errorf("converted to %+v", d)
		}
		want, err := oldSection(old)
		if err != nil {
			t.Fatal(err)
		}
		want = strings.Replace(want, "sqlconcat: report ", "sqlconcat: ", 1)
		if got := d.String(); strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(want), " ") {
			t.Errorf("the converted Doc reads\n%s\nthe old doc.go read\n%s", got, want)
		}
		src, err := emit(intro, d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments); err != nil {
			t.Fatalf("the new doc.go does not parse: %v\n%s", err, src)
		}
		return
	}
	for _, path := range strings.Split(*convert, ",") {
		if err := convertFile(path); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}

func convertFile(path string) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	intro, d, err := parseOld(old)
	if err != nil {
		return err
	}
	src, err := emit(intro, d)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, src, 0o644); err != nil {
		return err
	}
	// The analyzer takes its Doc from the data instead of the embedded file.
	main := filepath.Join(filepath.Dir(path), d.Name+".go")
	code, err := os.ReadFile(main)
	if err != nil {
		return err
	}
	for _, r := range []struct{ old, new string }{
		{"\t_ \"embed\"\n", ""},
		{"//go:embed doc.go\nvar doc string\n\n", ""},
		{"analyzerdoc.MustExtract(doc, " + strconv.Quote(d.Name) + ")", "Doc.String()"},
		{strconv.Quote(d.URL()), "Doc.URL()"},
		{"\t\"github.com/crisislint/crisislint/internal/analyzerdoc\"\n", ""},
	} {
		code = bytes.Replace(code, []byte(r.old), []byte(r.new), 1)
	}
	if code, err = format.Source(code); err != nil {
		return fmt.Errorf("%s: %v", main, err)
	}
	return os.WriteFile(main, code, 0o644)
}

// oldSection returns the "# Analyzer NAME" section of an old doc.go.
func oldSection(src []byte) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", err
	}
	if f.Doc == nil {
		return "", errors.New("no package comment")
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + f.Name.Name + "\n"
	i := strings.Index(text, heading)
	if i < 0 {
		return "", fmt.Errorf("no %q section", strings.TrimSpace(heading))
	}
	return strings.TrimSpace(text[i+len(heading):]), nil
}

var crisis = regexp.MustCompile(`(?s)^The crisis: (.*?)\.(\s+(.*))?$`)

// parseOld reads an old doc.go: the package comment's text before the
// section, and the section as a Doc.
func parseOld(src []byte) (intro string, d *Doc, err error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", nil, err
	}
	name := f.Name.Name
	section, err := oldSection(src)
	if err != nil {
		return "", nil, err
	}
	intro, _, _ = strings.Cut(f.Doc.Text(), "# Analyzer "+name)
	d = &Doc{Name: name}
	d.Severity = lint.SeverityWarning
	paras := strings.Split(section, "\n\n")
	title, ok := strings.CutPrefix(paras[0], name+": ")
	if !ok {
		return "", nil, fmt.Errorf("the section does not start with %q", name+": ")
	}
	d.Title = strings.TrimPrefix(strings.Join(strings.Fields(title), " "), "report ")
	var text, remedy []string
	var before, after []string
	var into *[]string // the example being read
	for _, p := range paras[1:] {
		switch {
		case p == "Bad:":
			into = &before
		case p == "Good:":
			into = &after
		case strings.HasPrefix(p, "\t") && into != nil:
			*into = append(*into, p)
		case d.Crisis == "" && crisis.MatchString(p):
			m := crisis.FindStringSubmatch(p)
			d.Crisis = strings.Join(strings.Fields(m[1]), " ")
			if m[3] != "" {
				text = append(text, wrap(m[3]))
			}
		case len(before) > 0:
			remedy = append(remedy, p)
			into = nil
		default:
			text = append(text, p)
		}
	}
	if d.Crisis == "" {
		return "", nil, errors.New("no \"The crisis: ...\" paragraph")
	}
	d.Text = strings.Join(text, "\n\n")
	d.Before, d.After = untab(before), untab(after)
	d.Remedy = strings.Join(remedy, "\n\n")
	d.Fixes = strings.HasPrefix(d.Remedy, "The suggested fix")
	return strings.TrimSpace(intro), d, nil
}

// wrap refills a paragraph whose first line lost its start.
func wrap(p string) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(p) {
		switch {
		case n == 0:
		case n+1+len(w) > 72:
			b.WriteString("\n")
			n = 0
		default:
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// untab returns the code of an example, its comment indentation removed.
func untab(blocks []string) string {
	var lines []string
	for line := range strings.SplitSeq(strings.Join(blocks, "\n\n"), "\n") {
		lines = append(lines, strings.TrimPrefix(line, "\t"))
	}
	return strings.Join(lines, "\n")
}

// emit writes the new doc.go.
func emit(intro string, d *Doc) ([]byte, error) {
	var b bytes.Buffer
	for line := range strings.SplitSeq(intro, "\n") {
		b.WriteString(strings.TrimRight("// "+line, " ") + "\n")
	}
	fmt.Fprintf(&b, "//\n// What it reports and what it does not, with examples, is [Doc]:\n// crisislint -explain %s prints it.\npackage %s\n\n", d.Name, d.Name)
	b.WriteString("import (\n\t\"github.com/crisislint/crisislint/internal/analyzerdoc\"\n\t\"honnef.co/go/tools/analysis/lint\"\n)\n\n")
	fmt.Fprintf(&b, "// Doc is %s's documentation, as data: go vet help, crisislint -explain,\n// the SARIF rule and the README table are made from it.\n", d.Name)
	b.WriteString("var Doc = analyzerdoc.Register(&analyzerdoc.Doc{\n")
	fmt.Fprintf(&b, "Name: %q,\nCrisis: %q,\n", d.Name, d.Crisis)
	b.WriteString("RawDocumentation: lint.RawDocumentation{\n")
	fmt.Fprintf(&b, "Title: %q,\nText: %s,\n", d.Title, literal(d.Text))
	if d.Before != "" {
		fmt.Fprintf(&b, "Before: %s,\nAfter: %s,\n", literal("\n"+d.Before+"\n"), literal("\n"+d.After+"\n"))
	}
	b.WriteString("Severity: lint.SeverityWarning,\n},\n")
	if d.Fixes {
		b.WriteString("Fixes: true,\n")
	}
	if d.Remedy != "" {
		fmt.Fprintf(&b, "Remedy: %s,\n", literal(d.Remedy))
	}
	b.WriteString("})\n")
	return format.Source(b.Bytes())
}

// literal writes s as a raw string literal when it can be one.
func literal(s string) string {
	if strings.ContainsAny(s, "`\r") {
		return strconv.Quote(s)
	}
	return "`" + s + "`"
}
