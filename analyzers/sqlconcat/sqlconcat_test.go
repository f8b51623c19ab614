package sqlconcat_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/sqlconcat"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestSQLConcat(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), sqlconcat.Analyzer,
		"basic", "nodriver", "pgxuse", "gormuse", "sqlxuse", "sqlxpg", "dbtx", "store", "repository", "handlers", "helpers")
}
