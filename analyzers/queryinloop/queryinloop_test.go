package queryinloop_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/queryinloop"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestQueryInLoop(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), queryinloop.Analyzer,
		"loops", "gormloop", "redisloop", "pgxloop", "store", "service", "api")
}
