package loopapp

import (
	"github.com/pocketbase/dbx"
	"gorm.io/gorm"
)

// addColumns adds each new field's column (pocketbase's table sync): a
// schema change per column, which no single statement replaces.
func addColumns(db dbx.Builder, table string, cols map[string]string) error {
	for name, typ := range cols {
		if _, err := db.AddColumn(table, name, typ).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// dropViews drops each view with SQL text of its own.
func dropViews(db *dbx.DB, views []string) {
	for _, v := range views {
		db.NewQuery("DROP VIEW IF EXISTS " + db.QuoteTableName(v)).Execute()
	}
}

// migrate creates each model's table.
func migrate(db *gorm.DB, models []any) {
	for _, m := range models {
		db.Migrator().CreateTable(m)
	}
}

// countRows still counts each table's rows: no schema in it.
func countRows(db *dbx.DB, tables []string) {
	for _, t := range tables {
		var n int
		db.NewQuery("SELECT COUNT(*) FROM " + db.QuoteTableName(t)).Row(&n) // want `Row in a loop runs one query per iteration`
	}
}
