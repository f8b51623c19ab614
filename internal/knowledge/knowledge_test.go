package knowledge

import "testing"

func TestPackageOf(t *testing.T) {
	for name, want := range map[string]string{
		"(*database/sql.DB).Query":          "database/sql",
		"(github.com/jackc/pgx/v5.Tx).Exec": "github.com/jackc/pgx/v5",
		"github.com/jmoiron/sqlx.Select":    "github.com/jmoiron/sqlx",
		"io.ReadAll":                        "io",
		"(error).Error":                     "",
		"gopkg.in/gomail.v2.NewDialer":      "gopkg.in/gomail.v2",
	} {
		if got := PackageOf(name); got != want {
			t.Errorf("PackageOf(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestVariantsByName checks that a context variant's name says what it
// waits for, as ScanVariant and the effects that carry only the name
// assume: QueryContext returns rows wherever it is a method.
func TestVariantsByName(t *testing.T) {
	seen := make(map[string]ContextVariant)
	for call, v := range ContextVariants {
		if old, ok := seen[v.Name]; ok && (old.Rows != v.Rows || old.Remote != v.Remote) {
			t.Errorf("%s: variant %s waits for %+v here and %+v elsewhere", call, v.Name, v, old)
		}
		seen[v.Name] = v
	}
	for name, want := range map[string]bool{"QueryContext": true, "SelectContext": true, "QueryRowContext": false, "ExecContext": false, "NewRequestWithContext": false, "Unknown": false} {
		if got := ScanVariant(name); got != want {
			t.Errorf("ScanVariant(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestIsUpdate(t *testing.T) {
	for name, want := range map[string]bool{
		"(*gorm.io/gorm.DB).Save":        true,
		"(*xorm.Session).Update":         true,
		"(*gorm.DB).UpdateColumns":       true,
		"(*xorm.Session).Insert":         false,
		"(*database/sql.DB).ExecContext": false,
	} {
		if got := IsUpdate(name); got != want {
			t.Errorf("IsUpdate(%q) = %v, want %v", name, got, want)
		}
	}
}
