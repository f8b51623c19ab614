// Package varindex shares a package's index of variable writes
// (strexpr.Index: where each variable gets its value, how often it is
// read, which parameter it is) as the result of a small analyzer, as
// x/tools' inspect shares an inspector: it is built once per package and
// read by every analyzer that follows values through local variables.
package varindex

import (
	"reflect"

	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
)

// Analyzer builds the package's *strexpr.Index. It reports nothing.
var Analyzer = &analysis.Analyzer{
	Name: "varindex",
	Doc:  "varindex: index where each variable of a package gets its value (a helper of crisislint's analyzers)",
	URL:  "https://github.com/crisislint/crisislint/tree/main/internal/varindex",
	Run: report.Safe(func(pass *analysis.Pass) (any, error) {
		return strexpr.NewIndex(pass.Files, pass.TypesInfo), nil
	}),
	ResultType: reflect.TypeFor[*strexpr.Index](),
}
