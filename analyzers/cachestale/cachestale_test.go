package cachestale_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/cachestale"
	"github.com/crisislint/crisislint/internal/cacheops"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestCacheStale(t *testing.T) {
	dir := testgopath.Dir(t, "testdata")
	analysistest.RunWithSuggestedFixes(t, dir, cachestale.Analyzer, "stale", "usersvc", "switched", "decorator", "ifacestale")
}

// A package that caches nothing tells its importers what it updates.
func TestWriteFacts(t *testing.T) {
	analysistest.Run(t, testgopath.Dir(t, "testdata"), cacheops.Analyzer, "userrepo", "kv")
}
