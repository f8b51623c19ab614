package thirdpartysync_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/thirdpartysync"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestThirdPartySync(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), thirdpartysync.Analyzer, "notify", "signup")
}
