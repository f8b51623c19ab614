// Package retrystorm defines an Analyzer that reports loops that retry a
// failing call to another service with no backoff or no bound.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain retrystorm prints it.
package retrystorm

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is retrystorm's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "retrystorm",
	Crisis: "a tight retry loop hammers a service that is down",
	RawDocumentation: lint.RawDocumentation{
		Title: "loops that retry a failing outbound call with no backoff or no bound",
		Text: `When a database or an API fails, every caller that retries at once, and
again, multiplies its load just when it can least take it, and keeps it
down after it would have recovered.

retrystorm reports, outside test code, a loop that retries a call to
another service (an HTTP request or round trip, a gRPC or Connect call,
a generated client's method included, a database round trip, a redis
command; written in the loop or reached through helpers of the
program, in this package or another, through analysis facts): the loop
leaves when the call succeeds and goes round again when it fails, or
when the service answers that it is overloaded or down (the response's
status is 429, 500, 502, 503 or 504: if resp.StatusCode == 429
{ continue }, even when an error of the call itself ends the loop), and

  - nothing on the way back waits before the next attempt (no
    time.Sleep, timer, ticker, rate limiter or backoff policy, nor a
    helper that sleeps or waits on a timer in a select), or
  - it waits a fixed time but never gives up: no bound on the number of
    attempts (a counter compared with a limit or counted down to zero,
    if retries < max { continue } before giving up, a deadline, a
    context that ends it),

and no circuit breaker guards the call. It is reported at the retried
call (the command of a chain: rdb.SetNX of rdb.SetNX(...).Result()),
with the chain of calls that leads to the service.

A loop that goes on after a success too (a consumer of a queue: redis
BRPop or XReadGroup, SQS ReceiveMessage; a poll) is reported when a
failure of the call goes straight back to it: nothing on the way from
the error, through the statements before the call, waits (a pause, a
timer, a select without a default, a receive from a channel), so the
loop spins while the service is down. An error the service answers
while it is up (a package-level error whose name says no failure of
the service: redis.Nil for an empty queue, sql.ErrNoRows) or one that
took its time (a timeout, context.DeadlineExceeded) may go straight
back; a failure that returns or breaks out is no retry, nor is a loop
whose condition takes the next item (for rows.Next()).

A retry helper of the program (util.Retry(attempts, fn), in this
package or another) whose loop retries the function it is given, so,
is reported where it is handed a function that calls another service
(a function literal, a function or a method value): there the service
is known.

It does not report retries through cenkalti/backoff (v4, v5),
avast/retry-go, hashicorp/go-retryablehttp or failsafe-go; calls guarded
by sony/gobreaker (v1, v2) or hystrix-go; loops that wait longer after
each failure (a delay that grows, or is computed: exponential backoff,
jitter); loops that retry only on one specific conflict error (a
unique violation, a version conflict, a serialization failure or a
deadlock, by name or by the database's code: SQLSTATE 40001, 40P01 or
23505, MySQL 1213 or 1062; a status that is no overload, 409 Conflict;
or a sentinel error of the program's that names no failure of the service:
errors.Is(err, ErrPwned)) and return at once on any other, so a
service that is down is tried once (an overload status is no conflict:
429 and 5xx say the service is down); loops whose call changes from one
iteration to the next (the next page, the next chunk, a new candidate),
which move on rather than retry; loops that read the next record of a
stream each time round (a bufio.Reader, a Scanner, a decoder) or consume
a queue from its head (q = q[1:]), whose failing call is not tried
again on the same input; loops over a list (trying each replica in
turn) or over a channel (a consumer of the program's jobs; a ticker's channel is no
consumer: for range ticker.C waits a fixed time each turn, as a
time.Sleep does, and is reported when it never gives up); nor a bounded retry that runs
for one caller at a time, in a function literal handed to
singleflight's Do or DoChan, or in an unexported function that its
package calls only from there (a key-set fetch): concurrent requests
wait for that one caller, whose few attempts are no storm. A loop that
never gives up is reported even there. Nor queries of a package whose
every database runs in the process (SQLite): a busy database is a lock
another transaction holds, and there is no server to be down.

Severity: a loop that neither waits nor gives up is an error (it spins
and hammers the service for as long as it is down); one that does not
wait, or does not give up, is a warning.`,
		Before: `
for {
	resp, err = client.Do(req)
	if err == nil {
		break
	}
}
`,
		After: `
b := backoff.NewExponentialBackOff() // github.com/cenkalti/backoff/v5
resp, err := backoff.Retry(ctx, func() (*http.Response, error) {
	return client.Do(req)
}, backoff.WithBackOff(b), backoff.WithMaxTries(5))
`,
		Severity: lint.SeverityWarning,
	},
	Remedy: `There is no automatic fix: back off exponentially with jitter, bound
the attempts, and put a circuit breaker (sony/gobreaker) around calls
to a service that may be down.`,
})
