package httptimeout_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/httptimeout"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestHTTPTimeout(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testgopath.Dir(t, "testdata"), httptimeout.Analyzer, "client", "server", "caller", "restyapp", "gracefulish", "metrics", "ginserve", "weblib", "webapp", "rpcsend", "sdkclient", "pprofmain", "routesmain", "depmain", "routes", "profiler", "oauthprov", "oauthapi", "pooled", "routedeadline", "routenodeadline", "fiberapp", "fasthttpapp", "fiberlib", "fibermain")
}
