package effects

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/crisislint/crisislint/internal/reqpath"
	"golang.org/x/tools/go/analysis"
)

// TestPanicBuildingIndex checks that a bug while the index of variables is
// built costs the analyzers that require effects their package, not the
// whole run: the panic becomes the Result's Panic.
func TestPanicBuildingIndex(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n\nvar x = 1\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{
		Fset:     fset,
		Files:    []*ast.File{f},
		ResultOf: map[*analysis.Analyzer]any{reqpath.Analyzer: (*reqpath.Result)(nil)},
		// No TypesInfo: building the index panics.
	}
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("the panic escaped effects: %v", p)
		}
	}()
	res, err := run(pass)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := res.(*Result); !ok || r.Panic == "" {
		t.Errorf("run returned %#v, want a Result with its Panic set", res)
	}
}
