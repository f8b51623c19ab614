package queryinloop_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/queryinloop"
	"github.com/crisislint/crisislint/internal/report/reporttest"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestQueryInLoop(t *testing.T) {
	analysistest.Run(t, testgopath.Dir(t, "testdata"), reporttest.Levels(queryinloop.Analyzer),
		"loops", "gormloop", "redisloop", "pgxloop", "store", "service", "api",
		"repository", "jobs", "web", "cmd/admin", "adminmain", "internal/cli", "lazystore", "lazyloop", "precision", "assign", "assignweb", "memosvc", "memostore", "memoapi", "background", "litecore", "liteapi", "mixedstore", "inflight", "variadic")
}
