package readallbody_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/readallbody"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestReadAllBody(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), readallbody.Analyzer,
		"nethttp", "limitedpkg", "ownmiddleware", "ginapp", "echoapp", "echolimited", "httputil", "api")
}
