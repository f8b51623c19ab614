// Package analyzerdoc reads an analyzer's documentation out of the package
// comment of its doc.go, so the words are written once and shown the same
// by go doc, crisislint -explain, go vet help and the README table.
package analyzerdoc

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// Extract returns the "# Analyzer NAME" section of the package comment in
// the Go source content: a first line "NAME: summary", a blank line, and
// the rest of the section.
func Extract(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", err
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go has no package comment")
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + name
	i := strings.Index(text, heading+"\n")
	if i < 0 {
		return "", fmt.Errorf("doc.go has no %q section", heading)
	}
	section := text[i+len(heading)+1:]
	if j := strings.Index(section, "\n# "); j >= 0 {
		section = section[:j]
	}
	section = strings.TrimSpace(section)
	if !strings.HasPrefix(section, name+": ") {
		return "", fmt.Errorf("the %q section must start with %q", heading, name+": ")
	}
	return section, nil
}

// MustExtract is Extract for package initialization: a malformed doc.go is
// a programming error caught by every test.
func MustExtract(content, name string) string {
	doc, err := Extract(content, name)
	if err != nil {
		panic(fmt.Sprintf("analyzer %s: %v", name, err))
	}
	return doc
}
