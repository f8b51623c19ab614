// Package cachestale defines an Analyzer that reports cached copies of
// database rows that nothing expires or invalidates.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain cachestale prints it.
package cachestale

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is cachestale's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "cachestale",
	Crisis: "users see their old bio for an hour",
	RawDocumentation: lint.RawDocumentation{
		Title: "cached database rows that never expire, or that an update leaves in place",
		Text: `A user edits their profile, the database has the new one, and every page
still shows the old one, because the cached copy is not deleted on
update, or never expires at all.

cachestale reports, with go-redis v8 and v9, rueidis, gomemcache,
go-cache, ristretto and the program's own cache wrappers (found through
analysis facts, in any package; also behind an interface of the
program's, as its implementations tell):

  - a cache write with no expiry (go-redis expiration 0, a gomemcache
    Item without Expiration, go-cache's NoExpiration, ristretto's Set,
    a rueidis SET without EX) of a value loaded from the database;
  - a function that updates or deletes rows of an entity the program
    caches (SQL UPDATE or DELETE of its table, gorm's Save, Update(s),
    Delete, xorm's Update and Delete, or a function of the program that
    does so) and deletes, overwrites or expires none of the entity's
    cache keys afterwards, itself or in the functions it calls.

Which keys hold which entity is learned from the program: a key shape
("user:"+id, fmt.Sprintf("user:%d", id), a key helper) written with a
value loaded from the users table, or into a User, holds users; the
link travels to the packages that import it as a fact and, under the
crisislint command, to every package analyzed with it: the cache and
the update of one table are often in packages that meet only in main.
An update is reported at the write, in the function that makes it,
unless the program's other functions call that one: then at their call,
where the invalidation belongs. Callers count in the function's
package, through an interface method it implements (a caching decorator
calls the repository it wraps), and, under the crisislint command, in
the program's other packages (outside tests); under go vet the callers
in other packages are unseen.

It does not report a write without expiry followed by an Expire of the
same key (SET then EXPIRE, also in a pipeline), writes followed by a
Del, Unlink, Set or Expire of the entity's key (a deferred one
included; also in a list spread into Del(ctx, keys...), a literal or
one filled by append, in a loop or not, or through a wrapper that
deletes the keys it is given or makes from the ids it is given), ORM writes whose model's
hooks invalidate (gorm's AfterUpdate, AfterSave and AfterDelete on the
type written, which run after Save, Update(s) and Delete, not after
UpdateColumn or Exec), entities the program never caches, cache writes with an expiry, values that do not come from
the database, or updates that only step counters (SET quota = quota - ?,
gorm's Updates with gorm.Expr("quota - ?", n), beside at most a reading
of the clock): they run on every use of the row, a cache that followed
each step would be no cache, and a counter that decides something is
read from the database or kept in the cache itself (INCRBY). An update
that also sets anything else (a status, a bio beside a version) is an
edit, and reported. Nor does it report an update made where the
program's switch for the cache is off (inside if !RedisEnabled { ... },
when every write of the entity's keys runs only with RedisEnabled true:
after if !RedisEnabled { return }, or inside if RedisEnabled { ... }):
there is no cached copy there to leave stale.`,
		Before: `
func (s *Store) UpdateBio(ctx context.Context, id, bio string) error {
	_, err := s.db.ExecContext(ctx, "UPDATE users SET bio = $1 WHERE id = $2", bio, id)
	return err
}
`,
		After: `
func (s *Store) UpdateBio(ctx context.Context, id, bio string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET bio = $1 WHERE id = $2", bio, id); err != nil {
		return err
	}
	return s.rdb.Del(ctx, "user:"+id).Err()
}
`,
		Severity: lint.SeverityWarning,
	},
	Fixes: true,
	Remedy: `The suggested fix, for a write without expiry, sets one of an hour with
up to a tenth of it at random (choose what the data tolerates). For an
update, the message names the key to delete after the write.
Severity: warning (users see old data; nothing goes down).`,
})
