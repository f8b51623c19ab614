package returns_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/crisislint/crisislint/internal/returns"
)

const src = `package p

func f(ok bool) int {
	g := func() int { return 1 }
	if ok {
		return g()
	}
	for {
		return 3
	}
}

func h() { _ = func() int { return 2 } }
`

func TestIn(t *testing.T) {
	file, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	f, h := file.Decls[0].(*ast.FuncDecl), file.Decls[1].(*ast.FuncDecl)
	var got []string
	for r := range returns.In(f.Body) {
		got = append(got, r.Results[0].(*ast.CallExpr).Fun.(*ast.Ident).Name)
		break // stopping early must not yield again
	}
	if len(got) != 1 || got[0] != "g" {
		t.Errorf("first return of f: got %v, want [g] (the literal's return is its own)", got)
	}
	n := 0
	for range returns.In(f.Body) {
		n++
	}
	if n != 2 {
		t.Errorf("returns of f: got %d, want 2", n)
	}
	if !returns.Any(f.Body) || returns.Any(h.Body) {
		t.Errorf("Any: f returns, h does not (only its literal does)")
	}
}

func TestValues(t *testing.T) {
	const src = `package p

func f(ok bool) (n int, err error) {
	if ok {
		return 1, nil
	}
	_ = func() (int, error) { return 2, nil }
	if !ok {
		return g()
	}
	return
}

func g() (int, error) { return 0, nil }
`
	file, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := returns.Values(file.Decls[0].(*ast.FuncDecl).Body, 2, 0)
	if len(got) != 3 {
		t.Fatalf("Values: got %d values, want 3 (the literal's return is its own)", len(got))
	}
	if lit, ok := got[0].(*ast.BasicLit); !ok || lit.Value != "1" {
		t.Errorf("Values[0]: got %#v, want the literal 1", got[0])
	}
	if got[1] != nil || got[2] != nil {
		t.Errorf("Values: a call's results and a bare return must be nil, got %#v and %#v", got[1], got[2])
	}
}
