package effects_test

import (
	"testing"

	"github.com/crisislint/crisislint/internal/effects"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestFacts checks the effects each function gets, and that they cross
// packages as facts: on functions, methods, and interface methods. A
// panic, which effects recovers from so that its analyzers go on, fails
// the test: the facts checked would be only those made before it.
func TestFacts(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), effects.Analyzer, "repo", "svc", "locks", "app", "mocks", "builder", "decorator", "download")
	for _, r := range results {
		if res, ok := r.Result.(*effects.Result); ok && res.Panic != "" {
			t.Errorf("effects panicked on package %s: %s", r.Pass.Pkg.Path(), res.Panic)
		}
	}
}
