// Package queryinloop defines an Analyzer that reports database round
// trips made once per iteration of a loop: the N+1 query problem.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain queryinloop prints it.
package queryinloop

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is queryinloop's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "queryinloop",
	Crisis: "51 queries for one page, 2 s responses",
	RawDocumentation: lint.RawDocumentation{
		Title: "a database query or redis command in each iteration of a loop (N+1)",
		Text: `A page of 50 posts that loads each post's author with its own query
makes 51 round trips; the page is fast in development, with 3 posts and
a local database, and slow in production.

queryinloop reports a call that sends a statement to a database
(database/sql, sqlx, pgx, gorm's finishers such as First, Find and
Save and an association's Find and Count, xorm) or a command to redis, inside the body of a for or range
loop, a for rows.Next() loop included, or in a goroutine started per
iteration. The call may be written in the loop or reach the database
through any chain of calls, in the same package or another (through
analysis facts): the finding is at the call in the loop and names the
chain (loop → s.store.GetAuthor → (*sql.DB).QueryRowContext).

It does not report retry and polling loops (a loop without a
collection, or that leaves as soon as the call succeeds), workers
started per partition or shard (a goroutine, or a literal handed to
errgroup's Go, per item, whose call sits in a for { ... } that runs
until the program stops it: the loop starts pollers, it makes no query
per item), searches (a
loop that tries one item after another until the call finds one: a
miss continues, a hit leaves, on what the call returned or scanned, or
on its success, perhaps under a further test), scatter-gathers (each
iteration queries a database of its own: the handle the call is made
on is the loop's variable or reached from it, for _, shard := range
c.shards { shard.QueryRowContext(...) }), a call made only for one value of the
loop's own variable (for _, path := range mask.Paths { switch path {
case "pinned": ... } }: each branch runs once, not per item), loops over
chunks of a list whose call gets the whole chunk (for _, c := range
lo.Chunk(ids, 50) { db.Where("id IN ?", c)... }, a window ids[i:end]:
the loop is the batching), loops over
a small constant number of items (16 at most: a literal, an array,
make([]T, 4) filled by index, the rows a query builder's fetch run
once in its function puts in a slice when the fetch's chain caps them
at a small constant (db.Limit(5).Find(&posts), gorm and xorm: a cap
from a variable, such as the page size the client asks for, or a fetch
repeated page by page in a loop, is reported), a local map made from a literal of a few
keys and given at most a few more by m[K] = v with a constant key K,
each written once (in no loop or function literal: cran's properties
in gitea), what a function returns that always makes
such a slice, in any package, or a parameter every caller in the program
fills with one, as four backup codes handed from the function that
generates them to the one that stores them, or a variadic parameter
every caller lists a few items in, spreading no slice
(invalidate(ctx, id)), or a field of a parameter
that every caller fills with a literal of a few items or leaves empty,
in a description written in place or in a variable whose field nothing
sets afterwards but a few constant keys of the map it holds, each once,
as the two properties of a conda package in gitea's
PackageCreationInfo, or conan's three and two more; a map given a key
per row, or a key the data chooses, grows with the data and is
reported) or over a channel, batch APIs
(pgx.Batch.Queue, redis pipelines, sqlx.In), or a prepared *sql.Stmt
executed in a loop inside a transaction, the standard bulk-write idiom.

An N+1 is a loop where one query for all items is the remedy. A loop
whose every iteration is a whole unit of work is not one, and is not
reported:

  - a queue's batch handler, func(items ...T) []T, walking its items:
    each was queued as a job of its own;
  - an iteration that starts a transaction, runs a process (git, a
    converter), writes or removes files, deletes an object in object
    storage (S3, MinIO, GCS) or builds an archive;
  - an iteration that hands the item to a job and gets back at most an
    error: a function of the program that does one of those
    (db.WithTx, a repository's deletion, an attachment's deletion that
    removes its file or its S3 object and then its row, a mirror's git
    sync, a package index built per architecture), or that waits on
    another service (a webhook's delivery, an email);
  - an iteration that inserts a row and then reads its new ID (a
    comment inserted before the reactions that point to it): a
    multi-row INSERT does not hand back every row's ID on every
    database, so the rows are written item by item;
  - an iteration that changes the schema (ALTER TABLE, CREATE INDEX,
    ...): one statement per table, which no statement replaces; known
    by the SQL text, whatever function it is handed to, by a function
    of the program that sends such text, or by a query builder's DDL
    method (dbx's AddColumn, gorm's Migrator);
  - an iteration that tells the program's listeners of a change, on
    every iteration: a call of a function that ranges over a
    package-level list of interface values (the registered notifiers,
    observers, hooks) calling on each a method without results; a call
    that leads to such a notice is an action even when only some
    iterations make it (the former assignees no longer kept): each
    change is an event of its own, for mail, webhooks and feeds;
  - an UPDATE whose values are the iteration's own: the item's fields
    set in the iteration and saved by its method (a head branch
    rewritten per pull request), or a value the iteration steps
    (priority++);
  - a loop over the items the request names (the issues a user
    selected, the assignees of a form, the IDs of a query string or a
    JSON body, the lists of a gRPC or Connect method's request message,
    the items a helper of the package makes of the decoded form) whose iteration writes or calls a job: it is the action the
    user asked for, item by item.

A per-key cache's miss is no round trip per item either: the load under
if !ok { ... m[k] = v }, in the else of if v, ok := m[k]; ok, or after
a hit has continued the loop (if ok { continue }; load; m[k] = v), in
every loop the map outlives (the comments of each line of each file of a
review, one poster cache for all), and
a function literal handed to a call along with a map that lasts the loop
(CalculateTrustStatus(v, func(u) bool {...}, &keyMap): the callee calls
it once per key). Nor is a call of a memoized getter, in any package:
a function that looks the key up in a cache it does not make afresh
(its receiver's, a package-level one, one its caller hands it: a map, a
sync.Map, go-cache, ristretto, an LRU), returns on a hit, even under a
further test (if find.ID != nil { if u, ok := s.userCache.Load(*find.ID);
ok { return u } }), and queries only on a miss, where its package fills
that cache: each key is loaded once, not once per call. A cache nothing
reads first, a map of the function's own or its receiver's that
nothing fills, a hit that goes on to query, or one that returns from a
loop (the first of several keys found) is no cache. Nor is a load made only when a store of the program's own has
nothing under the key (cols, _ := store.Get(k).([]T); if cols == nil {
load }). Nor is a package-level cache's reload, made only when
it has gone stale (if time.Since(loaded) > time.Minute || len(prices) ==
0 { reload }): once an interval for the whole process.

Queries to SQLite are not reported in a package whose every database
driver, imported there or by the packages it imports, runs in the
process (modernc.org/sqlite, mattn/go-sqlite3, DuckDB): a query is a
function call, not a round trip, and many small ones cost what one does
(https://www.sqlite.org/np1queryprob.html). Where a server driver is
imported too (SQLite in development, PostgreSQL in production), they
are; so are redis commands.

Code an operator runs now and then is not reported either: migrations,
and command-line programs (package main, packages under cmd/ or cli/).

Who calls a function counts too, when crisislint's engine shows the
whole program (the crisislint command and its plugins): a function
whose every caller, up to four calls away, is a command or maintenance
code (cron, doctor, cleanup), or the program's start-up (a package's
init function, a package-level variable's initializer, outside function
literals), is not reported; a function handed to a function of the
program that only calls it counts as called where it is handed (gitea's
mustInitCtx(ctx, authmodel.Init) in the start-up its command runs),
while one that is kept to be called later does not; a loop over a parameter
that every caller fills with what the client sent (the assignees of a
new issue, handed from the handler to a service and on to the model)
is what the request names, as in the handler itself. Callers count for
functions and for unexported methods that no interface of their package
declares: the calls of any other method may go through an interface,
where no call names it. go vet and other drivers without the whole
program do not see callers in other packages: there the finding stays.

A loop over rows or data is a warning. A loop over the items the request
names that only loads something per item is a note: the client decides
how many, usually the handful a user selected; batch it if the list can
grow. So is a loop that runs in a goroutine no caller waits for (go
func() { for ... }() with no WaitGroup or channel waited on, a literal
handed to gopool.Go or ants' Submit, as new-api deletes the cached keys
of the tokens it deleted): no response waits on its round trips, but
they still load the server. The loops of a package that call the same helper are one finding,
at the loop that hurts most, with the others as related locations: the
remedy (a helper that loads many) is one.`,
		Before: `
for i := range posts {
	posts[i].Author, err = s.store.GetAuthor(ctx, posts[i].AuthorID)
`,
		After: `
authors, err := s.store.GetAuthors(ctx, authorIDs(posts)) // WHERE id = ANY($1)
for i := range posts {
	posts[i].Author = authors[posts[i].AuthorID]
`,
		Severity: lint.SeverityWarning,
	},
	Fixes: false,
	Remedy: `There is no automatic fix: the message says what to use instead, for
the library at hand: one query with WHERE id = ANY($1) or IN (...),
sqlx.In, gorm's Preload, a pgx.Batch, a redis pipeline, and a
DataLoader in a GraphQL resolver.`,
})
