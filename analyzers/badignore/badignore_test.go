package badignore_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/badignore"
	"github.com/crisislint/crisislint/internal/report/reporttest"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestBadIgnore(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reporttest.Levels(badignore.Analyzer), "a")
}
