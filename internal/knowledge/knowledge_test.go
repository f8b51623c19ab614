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
