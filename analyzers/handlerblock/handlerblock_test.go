package handlerblock_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/handlerblock"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestHandlerBlock(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testgopath.Dir(t, "testdata"), handlerblock.Analyzer, "web", "store", "api", "ginweb", "keylock")
}
