// Package handlerblock defines an Analyzer that reports blocking or
// uncancellable work on the request path of an HTTP handler.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain handlerblock prints it.
package handlerblock

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is handlerblock's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "handlerblock",
	Crisis: "requests pile up behind blocking, uncancellable work",
	RawDocumentation: lint.RawDocumentation{
		Title: "blocking or uncancellable work on the request path",
		Text: `A query that keeps running after its client gave up holds a connection;
enough of them and the pool is empty, and every request waits.

handlerblock reports, on the request path (an HTTP handler of any
framework, known by its shape; a gRPC or Connect method; a GraphQL
resolver) and in every function it calls, in the same package, another
package of the program, or a dependency (through analysis facts):

  - I/O without a context where a context-taking variant exists:
    Query (QueryContext), Exec, QueryRow, Begin (BeginTx), Prepare,
    sqlx's Select and Get, http.NewRequest (NewRequestWithContext), an
    http.Client's Get, Head, Post and PostForm, which build such a
    request inside (http.NewRequestWithContext and Do), exec.Command
    (CommandContext), package net's dials (net.Dial, a net.Dialer's
    Dial, net.DialTimeout: a net.Dialer's DialContext), which wait for
    the system's connect timeout, minutes, on a host that does not
    answer, and its lookups (net.LookupHost, LookupIP, LookupMX,
    LookupTXT, LookupSRV, ...: net.DefaultResolver's, which take a
    context), which wait out the resolver's timeouts and retries when
    DNS is down; not a gorm query without WithContext, which has no
    such variant;
  - I/O under context.Background() or context.TODO(), detached from the
    request whose context is in scope: a query (database/sql, sqlx, pgx,
    gorm, a MongoDB collection's Find, FindOne, InsertOne, ...), a redis
    command, a request to another service (HTTP, gRPC, an AWS SDK v2
    operation such as sns.ListTopics or s3.GetObject, called on the
    client, on an interface declared for it, or a paginator's NextPage),
    given the context as an argument or carried by the value a builder
    made with it (gorm's db.WithContext(context.Background()).Find(&v));
  - time.Sleep;
  - a package-level mutex held across a DB or network call, or a mutex
    taken by key from package-level state (locks[key], a sync.Map of
    mutexes): every request for the key queues behind the I/O;
  - work that belongs at start-up: regexp.MustCompile or Compile of a
    constant, template.ParseFiles and ParseGlob.

A cause written in the handler is reported where it is; one reached
through a call, at that call, with the chain. Work started with go
(unless the function waits for it: a sync.WaitGroup's Wait after the
goroutine's Done, a receive outside a select from a channel it sends on), or
handed to a function that does (learned from its code), or queued for a
pool's workers (gopool.Go, ants.Submit: named in a table, since their
code queues the task for a goroutine started elsewhere), is not on the
request path.

It does not report the same calls outside a handler (main, init, CLI
commands, workers, tests, the stub handler of a fake upstream started
with httptest.NewServer), in the handlers of a package that the program
uses only inside branches taken in a development or test mode (gitea's
devtest pages, mounted under if !setting.IsProd ||
setting.IsInE2eTesting(): a boolean of the program's state whose name
says dev, debug, test or e2e, or the negation of one that says prod;
DisableDebug says neither), when crisislint sees the whole program (the
command and its plugins, not go vet), a context derived from the request's
(context.WithTimeout(r.Context(), d)),
context.WithoutCancel(r.Context()), which detaches on purpose, what a
call does below when the handler gives it a context chosen to outlive
the request, which only the program's own state can make
(graceful.GetManager().HammerContext(), a server's BaseContext()): its
work is meant to go on after the client leaves, a
request sent on a client with a short constant Timeout (10 s at most),
or a dial given one (net.DialTimeout(n, a, 3*time.Second), a
net.Dialer{Timeout: 5 * time.Second} built in the function or at
package level),
the dial of a mail server inside a call that sends the mail through
it (thirdpartysync reports the send there, and enqueuing it, its
remedy, ends the wait on the dial too: one cause, one finding; a dial
that only signs in to the server, an SMTP authentication source, is
still reported),
a request built to be served in-process rather than sent (its
RequestURI set, which a client refuses: a batch endpoint's
sub-requests),
or a redis command that does not block (GET, INCR, EXPIRE) under
context.Background(), in the handler or a helper (the client's read
timeout, 3 s by default, bounds it, and a rate limiter's bookkeeping
must not stop when the client leaves; BLPOP and XREAD with BLOCK are
still reported), which cannot go on for long, a sleep for as long as a helper's parameter says
when the handler's path passes zero (doHammerTime(0)), a sleep for a time
drawn at random (math/rand, crypto/rand, or a function that returns
one, such as kratos's x.RandomDelay: a delay against timing attacks or
brute force, on purpose), a sleep between the attempts of a retry loop
of a few (for attempt := 0; attempt < 3; attempt++, a constant count of
5 at most) that leaves the loop on success and whose attempts carry a
context that is not detached, unless it sleeps for a constant longer
than 5 s (the bounded backoff retrystorm asks for: when the client
leaves, the attempts fail at once and the pauses end within seconds),
context-less and detached I/O in a defer (cleanup and accounting as the handler leaves
must complete, whether or not the client is still there), or
templates or regular expressions built again only while a boolean
setting of the server is on (if a.dev { parse the templates again }: a
development mode's hot reload, which the request does not decide), or
context-less I/O and locks made once per key or object (a lazy loader, a
cache's miss: after a lookup that returned on a hit, in a map, a
sync.Map, or a cache's Get that says by a boolean or an error whether it
hit (redis's Get(ctx, key).Result() too), when the function fills that cache under the same key, as a token
exchanged once per channel until it expires) or once an interval for
the process (a package-level cache reloaded when stale, under a lock
re-checked inside), or context-less and detached I/O of a call wrapped
around a callback that gives up when the client leaves (a transaction
whose callback starts the work in a goroutine and ends in a select on
the request's Done or a timer: it rolls back then, and only its BEGIN
went without the request's context).

Each finding has a level by the harm it does (crisislint -severity
sets the floor, and the output puts the worst first):

  - error: a request to another service that ignores the request's
    context (built with http.NewRequest, or under a detached context
    with no short deadline), or a dial: when the client leaves, it goes on for as
    long as that service takes; and I/O under a package-level mutex, which makes every
    request wait for every other's;
  - warning: a query that returns rows as many as the data holds, a
    process run without a context, a DNS lookup without one (the
    resolver's timeouts end it, after seconds), a database call under a
    detached context with no short deadline, a sleep;
  - note: a context-less point lookup or single statement, which ends
    in milliseconds whoever waits; I/O under a detached context given a
    short constant deadline (context.WithTimeout(context.Background(),
    5*time.Second), 10 s at most, as for a client's Timeout), which ends
    by then but is not cancelled when the client leaves: the deadline
    belongs on the request's context; and start-up work done per
    request.

A call that reaches several of these is reported for the worst: a
function that looks a row up and then fetches a page is a remote fetch.

One root cause is one finding per package: the calls of a package's
handlers that reach the same function of another package (the API they
use that takes no context: Storage.UserByID), or requests built without
a context by the same function (a fetcher's ExecuteRequest, whichever
service reaches it), are reported once, where it hurts most, with the
other calls as related locations. When most functions of a package
that do I/O take no context (a storage layer written before contexts),
every call into it is one finding that says so: the remedy is the
layer's; and when crisislint sees the whole program (the command and
its plugins, not go vet), the layer is said once, by the first package
of handlers that calls into it, naming the others.`,
		Before: `
func profile(w http.ResponseWriter, r *http.Request) {
	row := db.QueryRow("SELECT name FROM users WHERE id = $1", id)
`,
		After: `
func profile(w http.ResponseWriter, r *http.Request) {
	row := db.QueryRowContext(r.Context(), "SELECT name FROM users WHERE id = $1", id)
`,
		Severity: lint.SeverityWarning,
	},
	Fixes: true,
	Remedy: `The suggested fixes rename a call to its context variant and pass the
request's context (r.Context(), c.Request.Context() for gin,
c.Request().Context() for echo, c.UserContext() for fiber), or write
the value whose method it is (net.LookupMX(d) becomes
net.DefaultResolver.LookupMX(r.Context(), d), net.Dial(n, a)
(&net.Dialer{}).DialContext(r.Context(), n, a)); replace a
detached context by the request's; and hoist a constant regular
expression, or a template.Must(template.ParseFiles(...)), to a
package-level variable.`,
})
