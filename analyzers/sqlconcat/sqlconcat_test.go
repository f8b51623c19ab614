package sqlconcat_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/sqlconcat"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestSQLConcat(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testgopath.Dir(t, "testdata"), sqlconcat.Analyzer,
		"basic", "nodriver", "mysqluse", "pgstore", "pgmain", "pgdb", "pgrepo", "opener", "styled", "pgxuse", "gormuse", "sqlxuse", "sqlxpg", "dbtx", "store", "repository", "handlers", "helpers")
}
