package idempotency_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/idempotency"
	"github.com/crisislint/crisislint/internal/report/reporttest"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestIdempotency(t *testing.T) {
	dir := testgopath.Dir(t, "testdata")
	analysistest.RunWithSuggestedFixes(t, dir, reporttest.Levels(idempotency.Analyzer), "pay", "legacy", "billing", "shop")
}
