package knowledge

import (
	"strings"
	"sync"
)

// This file tells what cache clients do: which calls read a key, write one
// with or without an expiry, delete one; where the key, the value and the
// TTL are among the arguments; what TTL means "never expires"; and which
// calls make many concurrent misses load once.

// CacheOp is what a cache call does to a key.
type CacheOp uint8

const (
	// CacheGet reads a key.
	CacheGet CacheOp = iota + 1
	// CacheSet writes a key (and its expiry).
	CacheSet
	// CacheDel deletes keys.
	CacheDel
	// CacheExpire sets the expiry of a key that exists.
	CacheExpire
)

func (op CacheOp) String() string {
	switch op {
	case CacheGet:
		return "get"
	case CacheSet:
		return "set"
	case CacheDel:
		return "delete"
	case CacheExpire:
		return "expire"
	}
	return "cacheop(?)"
}

// TTLUnit is how a TTL argument counts time.
type TTLUnit uint8

const (
	// Duration is a time.Duration.
	Duration TTLUnit = iota
	// Seconds is a whole number of seconds.
	Seconds
	// Milliseconds is a whole number of milliseconds.
	Milliseconds
)

// CacheCall describes a cache client's call. Argument positions count from
// 0; -1 is "none".
type CacheCall struct {
	Op CacheOp
	// Lib names the client for messages: "redis", "memcache".
	Lib string
	// Key is the position of the key; Keys is set when the keys are the
	// variadic rest (Del(ctx, keys...)).
	Key  int
	Keys bool
	// Value is the position of the value written.
	Value int
	// TTL is the position of the expiry, in Unit; -1 for a write that
	// takes none (it never expires, or expires by the cache's default).
	TTL  int
	Unit TTLUnit
	// Item is set when the argument at Key is a struct whose fields hold
	// the key, the value and the expiry (gomemcache's *memcache.Item):
	// their names are ItemKey, ItemValue, ItemTTL.
	Item bool
	// Forever is the TTL value that means "never expires" (go-redis 0,
	// go-cache's NoExpiration -1); NoTTLForever is set when a write
	// without a TTL argument never expires (ristretto's Set).
	Forever      int64
	NoTTLForever bool
	// DefaultTTL is set when a TTL of 0, or none, means the cache's
	// default expiry (go-cache's DefaultExpiration, SetDefault): not
	// "never", and not a constant the call can show.
	DefaultTTL bool
	// IfAbsent is set for a write made only when the key is absent
	// (SETNX, memcache's Add): a lock, or a first writer.
	IfAbsent bool
}

// gomemcache's Item fields.
const (
	ItemKey   = "Key"
	ItemValue = "Value"
	ItemTTL   = "Expiration"
)

// MemcacheMaxRelative is the longest expiry gomemcache takes as relative,
// in seconds (30 days): a larger one is a Unix time.
const MemcacheMaxRelative = 30 * 24 * 60 * 60

// CacheCalls are the cache clients' calls, keyed by fully qualified name.
var CacheCalls = map[string]CacheCall{}

func init() {
	redisCalls := map[string]CacheCall{
		"Get":     {Op: CacheGet, Key: 1, Value: -1, TTL: -1},
		"Set":     {Op: CacheSet, Key: 1, Value: 2, TTL: 3},
		"SetNX":   {Op: CacheSet, Key: 1, Value: 2, TTL: 3, IfAbsent: true},
		"SetXX":   {Op: CacheSet, Key: 1, Value: 2, TTL: 3},
		"Del":     {Op: CacheDel, Key: 1, Keys: true, Value: -1, TTL: -1},
		"Unlink":  {Op: CacheDel, Key: 1, Keys: true, Value: -1, TTL: -1},
		"Expire":  {Op: CacheExpire, Key: 1, Value: -1, TTL: 2},
		"PExpire": {Op: CacheExpire, Key: 1, Value: -1, TTL: 2},
	}
	add := func(recv string, methods map[string]CacheCall) {
		for m, c := range methods {
			c.Lib = "redis"
			CacheCalls["("+recv+")."+m] = c
		}
	}
	setEx := CacheCall{Op: CacheSet, Key: 1, Value: 2, TTL: 3}
	// go-redis v8 declares every command in Cmdable; v9 in an interface
	// per group (StringCmdable, GenericCmdable), which Cmdable embeds.
	// The clients and pipelines get them from the cmdable function type.
	for _, recv := range []string{"github.com/go-redis/redis/v8.cmdable", "github.com/go-redis/redis/v8.Cmdable"} {
		add(recv, redisCalls)
		add(recv, map[string]CacheCall{"SetEX": setEx})
	}
	v9 := "github.com/redis/go-redis/v9."
	add(v9+"cmdable", redisCalls)
	add(v9+"cmdable", map[string]CacheCall{"SetEx": setEx})
	for m, c := range redisCalls {
		switch m {
		case "Del", "Expire", "PExpire":
			add(v9+"GenericCmdable", map[string]CacheCall{m: c})
		case "Unlink":
			add(v9+"Cmdable", map[string]CacheCall{m: c})
		default:
			add(v9+"StringCmdable", map[string]CacheCall{m: c})
		}
	}
	add(v9+"StringCmdable", map[string]CacheCall{"SetEx": setEx})

	mc := "(*github.com/bradfitz/gomemcache/memcache.Client)."
	item := CacheCall{Op: CacheSet, Lib: "memcache", Key: 0, Value: 0, TTL: 0, Unit: Seconds, Item: true}
	CacheCalls[mc+"Set"] = item
	CacheCalls[mc+"Replace"] = item
	CacheCalls[mc+"CompareAndSwap"] = item
	itemIfAbsent := item
	itemIfAbsent.IfAbsent = true
	CacheCalls[mc+"Add"] = itemIfAbsent
	CacheCalls[mc+"Get"] = CacheCall{Op: CacheGet, Lib: "memcache", Key: 0, Value: -1, TTL: -1}
	CacheCalls[mc+"Delete"] = CacheCall{Op: CacheDel, Lib: "memcache", Key: 0, Value: -1, TTL: -1}
	CacheCalls[mc+"Touch"] = CacheCall{Op: CacheExpire, Lib: "memcache", Key: 0, Value: -1, TTL: 1, Unit: Seconds}

	gc := "(*github.com/patrickmn/go-cache.cache)."
	goCacheSet := CacheCall{Op: CacheSet, Lib: "go-cache", Key: 0, Value: 1, TTL: 2, Forever: -1, DefaultTTL: true}
	CacheCalls[gc+"Set"] = goCacheSet
	CacheCalls[gc+"Replace"] = goCacheSet
	goCacheAdd := goCacheSet
	goCacheAdd.IfAbsent = true
	CacheCalls[gc+"Add"] = goCacheAdd
	CacheCalls[gc+"SetDefault"] = CacheCall{Op: CacheSet, Lib: "go-cache", Key: 0, Value: 1, TTL: -1, DefaultTTL: true}
	CacheCalls[gc+"Get"] = CacheCall{Op: CacheGet, Lib: "go-cache", Key: 0, Value: -1, TTL: -1}
	CacheCalls[gc+"Delete"] = CacheCall{Op: CacheDel, Lib: "go-cache", Key: 0, Value: -1, TTL: -1}

	rc := "(*github.com/dgraph-io/ristretto/v2.Cache[K, V])."
	CacheCalls[rc+"SetWithTTL"] = CacheCall{Op: CacheSet, Lib: "ristretto", Key: 0, Value: 1, TTL: 3}
	CacheCalls[rc+"Set"] = CacheCall{Op: CacheSet, Lib: "ristretto", Key: 0, Value: 1, TTL: -1, NoTTLForever: true}
	CacheCalls[rc+"Get"] = CacheCall{Op: CacheGet, Lib: "ristretto", Key: 0, Value: -1, TTL: -1}
	CacheCalls[rc+"Del"] = CacheCall{Op: CacheDel, Lib: "ristretto", Key: 0, Value: -1, TTL: -1}
}

// rueidis builds a command with a chain of calls, then sends it:
// client.Do(ctx, client.B().Set().Key(k).Value(v).Ex(time.Hour).Build()).
// RueidisCommands are the chains' first links, RueidisArgs the links that
// carry an argument; a chain is read from its Build (or Cache) call back to
// its command.
var (
	RueidisCommands = map[string]CacheCall{
		rueidisCmds + "Builder).Get":    {Op: CacheGet, Lib: "redis", Key: 0, Value: -1, TTL: -1},
		rueidisCmds + "Builder).Set":    {Op: CacheSet, Lib: "redis", Key: 0, Value: 0, TTL: 0, NoTTLForever: true},
		rueidisCmds + "Builder).Setex":  {Op: CacheSet, Lib: "redis", Key: 0, Value: 0, TTL: 0},
		rueidisCmds + "Builder).Del":    {Op: CacheDel, Lib: "redis", Key: 0, Keys: true, Value: -1, TTL: -1},
		rueidisCmds + "Builder).Unlink": {Op: CacheDel, Lib: "redis", Key: 0, Keys: true, Value: -1, TTL: -1},
		rueidisCmds + "Builder).Expire": {Op: CacheExpire, Lib: "redis", Key: 0, Value: -1, TTL: 0},
	}
	RueidisArgs = map[string]RueidisArg{}
)

const rueidisCmds = "(github.com/redis/rueidis/internal/cmds."

// RueidisArg is what the argument of a link of a rueidis chain is.
type RueidisArg struct {
	Role RueidisRole
	Unit TTLUnit
}

// RueidisRole is the part of a command a link sets.
type RueidisRole uint8

const (
	// RueidisKey is the key (or keys, for Del and Unlink).
	RueidisKey RueidisRole = iota + 1
	// RueidisValue is the value set.
	RueidisValue
	// RueidisTTL is a relative expiry.
	RueidisTTL
	// RueidisOtherExpiry is an absolute expiry, or KEEPTTL: the write
	// expires, but not by a relative constant.
	RueidisOtherExpiry
	// RueidisIfAbsent is NX: set only when the key is absent.
	RueidisIfAbsent
)

func init() {
	arg := func(recv, method string, role RueidisRole, unit TTLUnit) {
		RueidisArgs[rueidisCmds+recv+")."+method] = RueidisArg{Role: role, Unit: unit}
	}
	for _, r := range []string{"Get", "Set", "Setex", "Del", "DelKey", "Unlink", "UnlinkKey", "Expire"} {
		arg(r, "Key", RueidisKey, 0)
	}
	arg("SetKey", "Value", RueidisValue, 0)
	arg("SetexSeconds", "Value", RueidisValue, 0)
	arg("SetexKey", "Seconds", RueidisTTL, Seconds)
	arg("ExpireKey", "Seconds", RueidisTTL, Seconds)
	arg("SetValue", "Nx", RueidisIfAbsent, 0)
	for _, r := range []string{"SetValue", "SetConditionNx", "SetConditionXx", "SetGet"} {
		arg(r, "Ex", RueidisTTL, Duration)
		arg(r, "Px", RueidisTTL, Duration)
		arg(r, "ExSeconds", RueidisTTL, Seconds)
		arg(r, "PxMilliseconds", RueidisTTL, Milliseconds)
		for _, m := range []string{"Exat", "ExatTimestamp", "Pxat", "PxatMillisecondsTimestamp", "Keepttl"} {
			arg(r, m, RueidisOtherExpiry, 0)
		}
	}
}

// ModelHooks are the ORM writes that run methods of the model they write
// after the write (gorm's AfterUpdate on the User saved): an invalidation
// there follows every such write. Those that skip hooks (gorm's
// UpdateColumn, Exec) are not here.
var ModelHooks = map[string][]string{
	"(*gorm.io/gorm.DB).Save":    {"AfterSave", "AfterUpdate"},
	"(*gorm.io/gorm.DB).Update":  {"AfterSave", "AfterUpdate"},
	"(*gorm.io/gorm.DB).Updates": {"AfterSave", "AfterUpdate"},
	"(*gorm.io/gorm.DB).Delete":  {"AfterDelete"},
}

// LoadGuards make concurrent callers with the same key wait for one load:
// singleflight's Do and DoChan.
var LoadGuards = map[string]bool{
	"(*golang.org/x/sync/singleflight.Group).Do":     true,
	"(*golang.org/x/sync/singleflight.Group).DoChan": true,
}

// Randomizers are the packages whose functions make a value random: a TTL
// computed with them has jitter, and a sleep for one is a delay chosen on
// purpose (against timing attacks, or to spread retries).
var Randomizers = map[string]bool{
	"math/rand":    true,
	"math/rand/v2": true,
	"crypto/rand":  true,
}

// IsCachePackage reports whether the package at path is one of the cache
// clients the tables describe (or a package of their modules): what its
// calls do is the tables' to say.
func IsCachePackage(path string) bool {
	for _, p := range cachePackages() {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

var cachePackages = sync.OnceValue(func() []string {
	seen := make(map[string]bool)
	var out []string
	add := func(name string) {
		p := PackageOf(name)
		if i := strings.Index(p, "/internal/"); i >= 0 {
			p = p[:i] // rueidis: its command builder is internal
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for name := range CacheCalls {
		add(name)
	}
	for name := range RueidisCommands {
		add(name)
	}
	for name := range LoadGuards {
		add(name)
	}
	return out
})
