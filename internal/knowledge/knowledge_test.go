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
