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
		if old, ok := seen[v.Name]; ok && (old.Rows != v.Rows || old.Remote != v.Remote || old.Connects != v.Connects || old.Resolves != v.Resolves) {
			t.Errorf("%s: variant %s waits for %+v here and %+v elsewhere", call, v.Name, v, old)
		}
		seen[v.Name] = v
	}
	if v := VariantNamed("net.DefaultResolver.LookupMX"); !v.Resolves || v.Connects {
		t.Errorf("VariantNamed(net.DefaultResolver.LookupMX) = %+v, want a lookup", v)
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

func TestIsCachePackage(t *testing.T) {
	for path, want := range map[string]bool{
		"github.com/redis/go-redis/v9":                  true,
		"github.com/go-redis/redis/v8":                  true,
		"github.com/redis/rueidis":                      true,
		"github.com/redis/rueidis/internal/cmds":        true,
		"github.com/bradfitz/gomemcache/memcache":       true,
		"github.com/patrickmn/go-cache":                 true,
		"github.com/dgraph-io/ristretto/v2":             true,
		"golang.org/x/sync/singleflight":                true,
		"github.com/redis/go-redis/v9x":                 false,
		"code.gitea.io/gitea/modules/cache":             false,
		"github.com/stripe/stripe-go/v82/paymentintent": false,
	} {
		if got := IsCachePackage(path); got != want {
			t.Errorf("IsCachePackage(%q) = %v, want %v", path, got, want)
		}
	}
}
