package varindex_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/crisislint/crisislint/internal/varindex"
	"golang.org/x/tools/go/analysis"
)

// TestPanicIsAnError: a bug while the index is built costs the analyzers
// that require it this package, with an error the driver shows, not the
// whole run.
func TestPanicIsAnError(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n\nvar x = 1\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{
		Analyzer: varindex.Analyzer,
		Fset:     fset,
		Files:    []*ast.File{f},
		Pkg:      types.NewPackage("p", "p"),
		// No TypesInfo: building the index panics.
	}
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("the panic escaped varindex: %v", p)
		}
	}()
	_, err = varindex.Analyzer.Run(pass)
	if err == nil || !strings.Contains(err.Error(), "internal error in crisislint") {
		t.Errorf("got error %v, want the internal error", err)
	}
}
