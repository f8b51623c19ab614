package handlerblock_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/handlerblock"
	"github.com/crisislint/crisislint/internal/report/reporttest"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestHandlerBlock(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testgopath.Dir(t, "testdata"), reporttest.Levels(handlerblock.Analyzer),
		"web", "store", "api", "ginweb", "ui", "mixed", "keylock", "billing", "ratelimit", "hammer", "chosen", "delays", "restore", "clientsend", "fakeserver", "devtemplate", "tokens", "batch", "retries", "devroutes/web", "devroutes/pages", "sdk", "gormctx", "bounded", "netdial")
}
