// Package cachestampede defines an Analyzer that reports cache writes
// whose keys all expire at the same moment, so the reloads hit the
// database together.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain cachestampede prints it.
package cachestampede

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is cachestampede's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "cachestampede",
	Crisis: "every key expires at once and the database melts",
	RawDocumentation: lint.RawDocumentation{
		Title: "cache writes with a constant TTL that make keys expire together (thundering herd)",
		Text: `Keys written with the same TTL expire at the same moment (the thundering
herd); the requests that miss all reload from the database together,
under the very load the cache was there to keep away. A hot key does the
same on its own: when it expires, every concurrent request misses and
loads it.

cachestampede reports, with go-redis v8 and v9 (Set, SetEx, SetNX,
pipelines), rueidis's command builder (Set().Key().Value().Ex()),
gomemcache (Item.Expiration), go-cache, ristretto (SetWithTTL), and the
program's own wrappers around them (found through analysis facts, in
any package), called directly or through an interface of the program
whose implementations do the same to the cache (a UserCache with Get,
Set and Del of a user; fakes that do nothing do not count):

  - a cache-aside read, a Get, on a miss a load from the database or a
    remote service (or a get-or-load helper's loader), then a Set of
    the same key, that writes back with a constant TTL and no jitter,
    and that nothing guards: no singleflight.Group (Do, DoChan), nor
    the program's own singleflight (go-zero's syncx.SingleFlight, a
    vendored copy: a function that looks the key up in a map of calls
    under a mutex and waits for the call in flight, or else runs the
    function it is given), no mutex, no lock key set with SETNX (there or in
    a helper such as tryLock(ctx, key));
  - many keys set in one loop with the same constant TTL (a warm-up).

It is reported at the cache write; a write through a wrapper whose TTL
is fixed inside it, once per package, at the first call. A wrapper that
takes its caller's TTL and replaces only a zero one with a default
(if expiration == 0 { expiration = DefaultExpireTime }) is judged by the
TTL each caller passes.

It does not report a TTL with a random part (jitter), a load that
singleflight or a lock guards, a TTL that is not a constant (it comes
from configuration), writes without an expiry (see cachestale), or a
loop that refreshes keys ahead of their expiry on a ticker, or in a
function a scheduler runs again and again (handed with a period or a
schedule to a call that takes a func(): s.Every(5*time.Minute,
r.refreshAll), cron's AddFunc, a time.AfterFunc that re-arms itself),
even when it also runs once at startup.`,
		Before: `
if err := rdb.Get(ctx, key).Scan(&u); err == redis.Nil {
	u, err = s.db.LoadUser(ctx, id)
	rdb.Set(ctx, key, u, time.Hour)
}
`,
		After: `
v, err, _ := s.group.Do(key, func() (any, error) {
	u, err := s.db.LoadUser(ctx, id)
	rdb.Set(ctx, key, u, time.Hour+rand.N(time.Hour/10))
	return u, err
})
`,
		Severity: lint.SeverityWarning,
	},
	Fixes: true,
	Remedy: `The suggested fix adds up to a tenth of the TTL at random
(ttl + rand.N(ttl/10), importing math/rand/v2); the TTL keeps its type.
Load through singleflight.Group.Do as well, so a hot key is loaded once.
Severity: warning (the service degrades when the cache turns over).`,
})
