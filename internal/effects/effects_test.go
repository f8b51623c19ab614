package effects_test

import (
	"testing"

	"github.com/crisislint/crisislint/internal/effects"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestFacts checks the effects each function gets, and that they cross
// packages as facts: on functions, methods, and interface methods.
func TestFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), effects.Analyzer, "repo", "svc", "locks", "app", "mocks", "builder", "decorator", "download")
}
