package cachestampede_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/cachestampede"
	"github.com/crisislint/crisislint/internal/cacheops"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestCacheStampede(t *testing.T) {
	dir := testgopath.Dir(t, "testdata")
	analysistest.RunWithSuggestedFixes(t, dir, cachestampede.Analyzer, "stampede", "herd", "usecache", "ifacecache", "localflight")
}

// The wrappers' facts: which argument is the key, the TTL, the loader.
func TestWrapperFacts(t *testing.T) {
	analysistest.Run(t, testgopath.Dir(t, "testdata"), cacheops.Analyzer, "cachelib", "syncx")
}
