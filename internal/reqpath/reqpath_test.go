package reqpath_test

import (
	"fmt"
	"testing"

	"github.com/crisislint/crisislint/internal/reqpath"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// handlers reports each handler reqpath finds, with what a fix would
// write for its request, writer and context.
var handlers = &analysis.Analyzer{
	Name:     "handlers",
	Doc:      "handlers: report the handlers reqpath finds",
	Requires: []*analysis.Analyzer{reqpath.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, h := range pass.ResultOf[reqpath.Analyzer].(*reqpath.Result).Handlers() {
			pass.Reportf(h.Node.Pos(), "%s request=%s writer=%s context=%s", h.Kind, h.RequestExpr(), h.WriterExpr(), h.ContextExpr())
		}
		return nil, nil
	},
}

// TestShapes: every shape of handler is found, across packages for the
// RPC and GraphQL servers, and nothing else is.
func TestShapes(t *testing.T) {
	dir := testgopath.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, handlers, "shapes", "rpc", "graphimpl")
}

func Example() { fmt.Println(reqpath.HTTP, reqpath.RPC, reqpath.GraphQL) }
