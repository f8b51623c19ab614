package sqlconcat_test

import (
	"testing"

	"github.com/crisislint/crisislint/analyzers/sqlconcat"
	"github.com/crisislint/crisislint/internal/report/reporttest"
	"github.com/crisislint/crisislint/internal/testgopath"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestSQLConcat(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testgopath.Dir(t, "testdata"), reporttest.Levels(sqlconcat.Analyzer),
		"basic", "nodriver", "pgxuse", "gormuse", "sqlxuse", "sqlxpg", "dbtx", "store", "repository", "handlers", "helpers", "mysqluse", "pgstore", "pgmain", "pgdb", "pgrepo", "opener", "styled", "fieldsql", "inlist", "sqlutil", "sqlrepo", "sqlapi", "gitealike", "sortcheck", "guards", "joined", "bound")
}
