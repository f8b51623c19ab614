package callindex_test

import (
	"testing"

	"github.com/crisislint/crisislint/internal/callindex"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// show reports every call the index holds, with the declaration it is
// in and how many calls Of and Named find for its callee, so the test
// data can say what is indexed and what is not.
var show = &analysis.Analyzer{
	Name:     "show",
	Doc:      "report the calls callindex holds",
	Requires: []*analysis.Analyzer{callindex.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		x := pass.ResultOf[callindex.Analyzer].(*callindex.Index)
		for _, c := range x.All() {
			in := "package level"
			if c.Decl != nil {
				in = c.Decl.Name.Name
			}
			pass.Reportf(c.Expr.Pos(), "%s in %s, of %d, named %d", c.Callee.Name(), in, len(x.Of(c.Callee)), len(x.Named(c.Callee.Origin().FullName())))
		}
		if got := x.Named("(*database/sql.DB).Exec"); got != nil {
			pass.Reportf(pass.Files[0].Package, "Named finds a function the package never calls: %d", len(got))
		}
		return nil, nil
	},
}

func TestIndex(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), show, "a")
}
