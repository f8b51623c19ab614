package badignore_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/badignore"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestBadIgnore(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), badignore.Analyzer, "a")
}
