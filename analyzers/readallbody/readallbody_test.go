package readallbody_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/readallbody"
	"github.com/crisislint/crisislint/internal/report/reporttest"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestReadAllBody(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testgopath.Dir(t, "testdata"), reporttest.Levels(readallbody.Analyzer),
		"nethttp", "limitedpkg", "ownmiddleware", "ginapp", "echoapp", "echolimited", "httputil", "api", "nolimit", "bodylimit", "server", "rendersource", "signer", "perroute", "echoroute", "wrapserver", "wrapped", "readshapes", "servehttp", "ownlimit", "ownreader", "ownhook", "ownhandler", "reusable", "readerutil", "readerapi")
}
