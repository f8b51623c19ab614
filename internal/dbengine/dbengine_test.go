package dbengine_test

import (
	"testing"

	"github.com/crisislint/crisislint/internal/dbengine"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestEngines(t *testing.T) {
	analysistest.Run(t, testgopath.Dir(t, "testdata"), dbengine.Analyzer, "lite", "liteuser", "both")
}
