package analyzers_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/handlerblock"
	"github.com/crisislint/crisislint/analyzers/queryinloop"
	"github.com/crisislint/crisislint/analyzers/readallbody"
	"github.com/crisislint/crisislint/analyzers/sqlconcat"
	"github.com/crisislint/crisislint/internal/enginetest"
	"github.com/crisislint/crisislint/internal/realmod"
	"golang.org/x/tools/go/analysis"
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
}

// TestRealModuleShapes runs the request-path analyzers on handlers of
// every shape the request-path finder knows (httprouter, gorilla/mux,
// gin, echo v5, fiber v3, hertz, fasthttp, buffalo, beego, iris, a
// gitea-like context of the service's own, an adapter's func(*http.Request)
// (any, error), gRPC, Connect, gqlgen), and queryinloop on the ORMs and
// query builders the tables do not name (pop, ent, bun, squirrel, a
// persister behind an interface), all with the real libraries: what they
// do must come from their code, through facts.
func TestRealModuleShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the frameworks and ORMs from source")
	}
	dir := realmod.Dir(t)
	// Through the engine, as the command runs: the dependencies' effects
	// from their code, and the whole program's facts (a persister's
	// implementation in a package the handler does not import).
	t.Run("handlerblock", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{handlerblock.Analyzer}, "./shapesapp/...")
	})
	t.Run("readallbody", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{readallbody.Analyzer}, "./bodyapp")
	})
	t.Run("queryinloop", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{queryinloop.Analyzer}, "./ormapp/...")
	})
}
