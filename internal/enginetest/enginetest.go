// Package enginetest runs analyzers the way the crisislint command does,
// through internal/engine, on the packages of a real module, and checks
// their diagnostics against the files' // want comments, as analysistest
// does: `// want "regexp"` (or a back-quoted one; several may follow one
// want) on a line expects a diagnostic there whose message matches.
//
// analysistest type-checks every dependency from source in every test
// and knows nothing of the engine's second round; this runs the product's
// own path: dependencies' facts computed once and cached, the whole
// program's facts for the packages that ask. Expectations of facts
// (`// want name:"fact"`) are analysistest's and are ignored here.
package enginetest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/crisislint/crisislint/internal/engine"
	"golang.org/x/tools/go/analysis"
)

// Run analyzes the packages the patterns name in dir and checks the
// diagnostics of the analyzers (only theirs: not those of other analyzers
// of the same files) against the want comments of the packages' files.
func Run(t *testing.T, dir string, analyzers []*analysis.Analyzer, patterns ...string) {
	t.Helper()
	res, err := engine.Run(engine.Config{Dir: dir, Patterns: patterns, Analyzers: analyzers})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Errorf("problem: %s", p)
	}
	type line struct {
		file string
		line int
	}
	wants := make(map[line][]*regexp.Regexp)
	for _, p := range res.Packages {
		for _, file := range p.GoFiles {
			for l, res := range expectations(t, file) {
				wants[line{file, l}] = append(wants[line{file, l}], res...)
			}
		}
	}
	for _, p := range res.Packages {
		for _, d := range p.Diagnostics {
			pos := res.Fset.Position(d.Pos)
			at := line{pos.Filename, pos.Line}
			i := slices.IndexFunc(wants[at], func(re *regexp.Regexp) bool { return re.MatchString(d.Message) })
			if i < 0 {
				t.Errorf("%s: unexpected diagnostic: %s (%s)", pos, d.Message, d.Analyzer.Name)
				continue
			}
			wants[at] = slices.Delete(wants[at], i, i+1)
		}
	}
	var missed []string
	for at, res := range wants {
		for _, re := range res {
			missed = append(missed, fmt.Sprintf("%s:%d: no diagnostic was reported matching `%s`", at.file, at.line, re))
		}
	}
	slices.Sort(missed)
	for _, m := range missed {
		t.Error(m)
	}
}

// expectations returns the patterns of the want comments of a file, by
// line.
func expectations(t *testing.T, file string) map[int][]*regexp.Regexp {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[int][]*regexp.Regexp)
	for _, g := range f.Comments {
		for _, c := range g.List {
			res := wanted(t, fset, c)
			if len(res) > 0 {
				l := fset.Position(c.Slash).Line
				out[l] = append(out[l], res...)
			}
		}
	}
	return out
}

// wanted parses the patterns of one comment: after "want", string
// literals; name:"fact" pairs are skipped.
func wanted(t *testing.T, fset *token.FileSet, c *ast.Comment) []*regexp.Regexp {
	text := strings.TrimPrefix(strings.TrimPrefix(c.Text, "//"), "/*")
	text = strings.TrimSpace(text)
	rest, ok := strings.CutPrefix(text, "want ")
	if !ok {
		return nil
	}
	var s scanner.Scanner
	src := []byte(rest)
	s.Init(fset.AddFile("want", -1, len(src)), src, nil, 0)
	var out []*regexp.Regexp
	fact := false
	for {
		_, tok, lit := s.Scan()
		switch tok {
		case token.EOF, token.SEMICOLON:
			return out
		case token.IDENT:
			fact = true // name:"fact": analysistest's
		case token.COLON:
		case token.STRING:
			if fact {
				fact = false
				continue
			}
			pat, err := strconv.Unquote(lit)
			if err != nil {
				t.Fatalf("%s: bad want pattern %s: %v", fset.Position(c.Slash), lit, err)
			}
			re, err := regexp.Compile(pat)
			if err != nil {
				t.Fatalf("%s: bad want pattern %s: %v", fset.Position(c.Slash), lit, err)
			}
			out = append(out, re)
		default:
			return out
		}
	}
}
