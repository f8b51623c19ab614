// Package report is the one path by which crisislint's analyzers report a
// finding. It drops findings in generated files and findings a user
// suppressed with a //crisislint:ignore comment, so suppression behaves the
// same under every driver: the crisislint command, go vet -vettool,
// golangci-lint, an editor.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
)

// Directive starts a suppression comment:
//
//	//crisislint:ignore sqlconcat the table name comes from our own schema
//
// It names one analyzer, or several separated by commas, and must give a
// reason. It covers findings on its own line and on the line below it.
const Directive = "//crisislint:ignore"

// Ignore is a parsed suppression comment.
type Ignore struct {
	Names  []string
	Reason string
}

// ParseIgnore parses the text of one comment. It returns ok == false for a
// comment that is not a suppression directive at all, and a non-empty
// problem for a directive that is malformed: one that names no analyzer,
// gives no reason, or is written as a Go directive is not (with a space
// after the slashes, or in a block comment), which Go tools and readers
// take for prose. Whether the names are known is the caller's business.
func ParseIgnore(text string) (ig Ignore, ok bool, problem string) {
	body, block := strings.CutPrefix(text, "/*")
	if block {
		body = strings.TrimSuffix(body, "*/")
	} else if body, ok = strings.CutPrefix(text, "//"); !ok {
		return Ignore{}, false, ""
	}
	trimmed := strings.TrimLeftFunc(body, unicode.IsSpace)
	rest, found := strings.CutPrefix(trimmed, Directive[len("//"):])
	if !found || rest != "" && !unicode.IsSpace(rune(rest[0])) {
		return Ignore{}, false, ""
	}
	misspelt := ""
	switch {
	case block:
		misspelt = "is a block comment"
	case trimmed != body:
		misspelt = "has a space after //"
	}
	rest = strings.TrimSpace(rest)
	names, reason := rest, ""
	if i := strings.IndexFunc(rest, unicode.IsSpace); i >= 0 {
		names, reason = rest[:i], rest[i:]
	}
	for n := range strings.SplitSeq(names, ",") {
		if n = strings.TrimSpace(n); n != "" {
			ig.Names = append(ig.Names, n)
		}
	}
	// The reason may be set off by "--", ":" or "//" (golangci-lint's style).
	ig.Reason = strings.TrimSpace(strings.TrimLeftFunc(reason, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("-:/", r)
	}))
	switch {
	case misspelt != "":
		return ig, true, misspelt
	case len(ig.Names) == 0 && ig.Reason == "":
		return ig, true, "names no analyzer and gives no reason"
	case len(ig.Names) == 0:
		return ig, true, "names no analyzer"
	case ig.Reason == "":
		return ig, true, "gives no reason"
	}
	return ig, true, ""
}

// Report reports d unless it falls in a generated file or a well-formed
// //crisislint:ignore comment naming this analyzer covers its line.
func Report(pass *analysis.Pass, d analysis.Diagnostic) {
	if f := File(pass, d.Pos); f != nil {
		if generated(pass, f) || suppressed(pass, f, d.Pos) {
			return
		}
	}
	pass.Report(d)
}

// generated reports whether a file is generated code, which nobody
// edits by hand: its findings are its generator's.
func generated(pass *analysis.Pass, f *ast.File) bool { return ast.IsGenerated(f) }

// Node reports message at node, with the given suggested fixes.
func Node(pass *analysis.Pass, node ast.Node, message string, fixes ...analysis.SuggestedFix) {
	Report(pass, analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Message: message, SuggestedFixes: fixes})
}

// File returns the syntax tree of the file of pass that contains pos.
func File(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

func suppressed(pass *analysis.Pass, f *ast.File, pos token.Pos) bool {
	line := pass.Fset.Position(pos).Line
	for _, g := range f.Comments {
		for _, c := range g.List {
			l := pass.Fset.Position(c.Slash).Line
			if l != line && l != line-1 {
				continue
			}
			ig, ok, problem := ParseIgnore(c.Text)
			if ok && problem == "" && slices.Contains(ig.Names, pass.Analyzer.Name) {
				return true
			}
		}
	}
	return false
}

// testFile matches the names of files that hold test support code outside
// _test.go files: tests.go, test_utils.go, testhelpers.go, testing.go.
var testFile = regexp.MustCompile(`^(.*_)?(tests?|testing|test_?utils?|test_?helpers?)(_.*)?\.go$`)

// testPackage matches the names of packages of test support code:
// testutil, testhelpers, tests, integrationtests, unittest.
var testPackage = regexp.MustCompile(`^(test\w*|\w*tests|\w*unittest|\w*testutils?|\w*testhelpers?|\w*testing)$`)

// IsTestCode reports whether pos lies in test code: a _test.go file, a
// file or package of test support code. The crises crisislint finds need
// production traffic; test code has none, so it is not reported there.
func IsTestCode(pass *analysis.Pass, pos token.Pos) bool {
	return isTestCode(pass.Fset.Position(pos).Filename, pass.Pkg.Name())
}

func isTestCode(filename, pkg string) bool {
	name := filepath.Base(filename)
	return strings.HasSuffix(name, "_test.go") || testFile.MatchString(name) || testPackage.MatchString(pkg)
}

// InternalError starts the message of a finding that reports a bug in
// crisislint itself.
const InternalError = "internal error in crisislint, please report it"

// Guard wraps an analyzer's run function: a panic becomes a finding at
// the package clause instead of a crash, so a bug in crisislint costs one
// package's findings, under every driver, not the whole run.
func Guard(run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (res any, err error) {
		defer func() {
			if r := recover(); r != nil {
				Internal(pass, fmt.Sprintf("%s panicked on package %s: %v", pass.Analyzer.Name, pass.Pkg.Path(), r))
				res, err = nil, nil
			}
		}()
		return run(pass)
	}
}

// Internal reports a bug in crisislint at the package clause.
func Internal(pass *analysis.Pass, what string) {
	if len(pass.Files) > 0 {
		pass.Report(analysis.Diagnostic{Pos: pass.Files[0].Package, Message: InternalError + ": " + what})
	}
}
