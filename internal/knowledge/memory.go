package knowledge

// This file tells which calls make a long-lived collection grow and
// which make it shrink, and what bounded structure to use instead.

// Growers add an entry to the collection they are called on.
var Growers = map[string]bool{
	"(*sync.Map).Store":                true,
	"(*sync.Map).LoadOrStore":          true,
	"(*sync.Map).Swap":                 true,
	"(*container/list.List).PushBack":  true,
	"(*container/list.List).PushFront": true,
}

// Lookups look a key up and say, in their second result, whether it was
// there: code after "if ok { return }" runs once per key (a cache's
// load), or once per key at a time (work started after LoadOrStore).
// The in-process caches' gets are lookups too: a hit costs no round trip.
var Lookups = map[string]bool{
	"(*sync.Map).Load":                                               true,
	"(*sync.Map).LoadOrStore":                                        true,
	"(*github.com/patrickmn/go-cache.cache).Get":                     true,
	"(*github.com/dgraph-io/ristretto/v2.Cache[K, V]).Get":           true,
	"(*github.com/hashicorp/golang-lru/v2.Cache[K, V]).Get":          true,
	"(*github.com/hashicorp/golang-lru/v2.Cache[K, V]).Peek":         true,
	"(*github.com/hashicorp/golang-lru/v2/expirable.LRU[K, V]).Get":  true,
	"(*github.com/hashicorp/golang-lru/v2/expirable.LRU[K, V]).Peek": true,
}

// CacheFills put a value in an in-process map or cache under a key: a
// lookup in something nothing fills is a table read, not a cache (see
// Lookups).
var CacheFills = map[string]bool{
	"(*sync.Map).Store":                                               true,
	"(*sync.Map).LoadOrStore":                                         true,
	"(*sync.Map).Swap":                                                true,
	"(*github.com/patrickmn/go-cache.cache).Set":                      true,
	"(*github.com/patrickmn/go-cache.cache).SetDefault":               true,
	"(*github.com/patrickmn/go-cache.cache).Add":                      true,
	"(*github.com/patrickmn/go-cache.cache).Replace":                  true,
	"(*github.com/dgraph-io/ristretto/v2.Cache[K, V]).Set":            true,
	"(*github.com/dgraph-io/ristretto/v2.Cache[K, V]).SetWithTTL":     true,
	"(*github.com/hashicorp/golang-lru/v2.Cache[K, V]).Add":           true,
	"(*github.com/hashicorp/golang-lru/v2.Cache[K, V]).ContainsOrAdd": true,
	"(*github.com/hashicorp/golang-lru/v2.Cache[K, V]).PeekOrAdd":     true,
	"(*github.com/hashicorp/golang-lru/v2/expirable.LRU[K, V]).Add":   true,
}

// Shrinkers remove entries from the collection they are called on (or,
// for the functions, from their first argument).
var Shrinkers = map[string]bool{
	"(*sync.Map).Delete":            true,
	"(*sync.Map).LoadAndDelete":     true,
	"(*sync.Map).CompareAndDelete":  true,
	"(*sync.Map).Clear":             true,
	"(*container/list.List).Remove": true,
	"(*container/list.List).Init":   true,
	"maps.DeleteFunc":               true,
	"(*container/ring.Ring).Unlink": true,
}

// GrowableTypes are the named types of collections that grow through
// Growers.
var GrowableTypes = map[string]bool{
	"sync.Map":            true,
	"container/list.List": true,
}

// BoundedCaches are the bounded structures to suggest in place of a map
// that only grows: an LRU with a size cap, one whose entries also expire.
var BoundedCaches = map[string]string{
	"github.com/hashicorp/golang-lru/v2.New":              "an LRU with a size cap (lru.New[K, V](size), github.com/hashicorp/golang-lru/v2)",
	"github.com/hashicorp/golang-lru/v2/expirable.NewLRU": "an LRU whose entries also expire (expirable.NewLRU[K, V](size, nil, ttl))",
}

// ClientIdentities return who the client says it is, per request: its
// address as a framework resolves it (X-Forwarded-For, X-Real-IP, the
// peer). A map keyed by them gets one entry per client, an open set.
var ClientIdentities = map[string]bool{
	"(*github.com/gin-gonic/gin.Context).ClientIP":       true,
	"(*github.com/gin-gonic/gin.Context).RemoteIP":       true,
	"(github.com/labstack/echo/v4.Context).RealIP":       true,
	"(*github.com/gofiber/fiber/v2.Ctx).IP":              true,
	"(*github.com/gofiber/fiber/v2.Ctx).IPs":             true,
	"(*github.com/valyala/fasthttp.RequestCtx).RemoteIP": true,
}
