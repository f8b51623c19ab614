package globalgrowth_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/globalgrowth"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestGlobalGrowth(t *testing.T) {
	analysistest.Run(t, testgopath.Dir(t, "testdata"), globalgrowth.Analyzer, "web", "cache", "mid", "lazy", "worker", "store", "routes")
}
