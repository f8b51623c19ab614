package retrystorm_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/retrystorm"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestRetryStorm(t *testing.T) {
	analysistest.Run(t, testgopath.Dir(t, "testdata"), retrystorm.Analyzer, "retry", "store", "jwks", "retryhelp", "litestore", "spin", "status")
}
