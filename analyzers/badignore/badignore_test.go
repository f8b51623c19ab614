package badignore_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/badignore"
	"golang.org/x/tools/go/analysis/analysistest"

	// Every analyzer of crisislint is linked into the programs that run
	// badignore: it knows their names from their documentation.
	_ "github.com/crisislint/crisislint/analyzers"
)

func TestBadIgnore(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), badignore.Analyzer, "a")
}
