package badignore_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/badignore"
	"github.com/crisislint/crisislint/internal/report/reporttest"
	"golang.org/x/tools/go/analysis/analysistest"

	// Every analyzer of crisislint is linked into the programs that run
	// badignore: it knows their names from their documentation.
	_ "github.com/crisislint/crisislint/analyzers"
)

func TestBadIgnore(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporttest.Levels(badignore.Analyzer), "a")
}
