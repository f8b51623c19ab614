// Package returns walks the return statements of a function: those of
// the function itself, not those of the function literals it holds,
// which return from the literal.
package returns

import (
	"go/ast"
	"iter"
)

// In yields the return statements under n, a function's body or a part
// of it, outside the function literals in it, in source order.
func In(n ast.Node) iter.Seq[*ast.ReturnStmt] {
	return func(yield func(*ast.ReturnStmt) bool) {
		stop := false
		ast.Inspect(n, func(n ast.Node) bool {
			if stop {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				stop = !yield(n)
				return false
			}
			return true
		})
	}
}

// Any reports whether n returns on some path, outside the function
// literals it holds.
func Any(n ast.Node) bool {
	for range In(n) {
		return true
	}
	return false
}

// Values returns, for each return statement under n (as In), its result
// at index i when it gives all n results one by one, and nil when it
// does not: a bare return of named results, or a call's results passed
// on (return f()). A nil says the value cannot be followed.
func Values(n ast.Node, results, i int) []ast.Expr {
	var values []ast.Expr
	for ret := range In(n) {
		if len(ret.Results) == results {
			values = append(values, ret.Results[i])
		} else {
			values = append(values, nil)
		}
	}
	return values
}
