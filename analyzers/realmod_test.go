package analyzers_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/cachestale"
	"github.com/crisislint/crisislint/analyzers/cachestampede"
	"github.com/crisislint/crisislint/analyzers/handlerblock"
	"github.com/crisislint/crisislint/analyzers/idempotency"
	"github.com/crisislint/crisislint/analyzers/queryinloop"
	"github.com/crisislint/crisislint/analyzers/readallbody"
	"github.com/crisislint/crisislint/analyzers/sqlconcat"
	"github.com/crisislint/crisislint/internal/realmod"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestRealModules runs the analyzers on packages of testdata/realmod, which
// use the real gin, echo, chi, fiber, sqlx, pgx, gorm, go-redis and lib/pq
// at pinned versions: the
// fakes under each analyzer's testdata must not be the only APIs they see.
// It also runs them, for facts, over the whole source of those libraries.
func TestRealModules(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks gin, echo, gorm and pgx from source")
	}
	dir := realmod.Dir(t)
	analysistest.Run(t, dir, sqlconcat.Analyzer, "realmod/sqlapp")
	analysistest.Run(t, dir, readallbody.Analyzer, "realmod/webapp")
	analysistest.Run(t, dir, queryinloop.Analyzer, "realmod/loopapp")
	analysistest.Run(t, dir, handlerblock.Analyzer, "realmod/blockapp")
	analysistest.Run(t, dir, cachestampede.Analyzer, "realmod/cacheapp")
	analysistest.Run(t, dir, cachestale.Analyzer, "realmod/staleapp")
	analysistest.Run(t, dir, idempotency.Analyzer, "realmod/payapp")
}
