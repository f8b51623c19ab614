package thirdpartysync_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/thirdpartysync"
	"github.com/crisislint/crisislint/internal/report/reporttest"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestThirdPartySync(t *testing.T) {
	analysistest.Run(t, testgopath.Dir(t, "testdata"), reporttest.Levels(thirdpartysync.Analyzer), "notify", "signup", "awaited", "queued")
}
