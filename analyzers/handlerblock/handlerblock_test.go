package handlerblock_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/handlerblock"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestHandlerBlock(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), handlerblock.Analyzer, "web", "store", "api", "ginweb")
}
