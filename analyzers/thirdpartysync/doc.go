// Package thirdpartysync defines an Analyzer that reports synchronous
// calls to third-party messaging services on the request path.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain thirdpartysync prints it.
package thirdpartysync

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is thirdpartysync's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "thirdpartysync",
	Crisis: "a slow email API hangs registration",
	RawDocumentation: lint.RawDocumentation{
		Title: "emails, SMS and notifications sent while an HTTP request waits",
		Text: `When the mail provider takes 30 seconds to answer, or is down, every
sign-up request waits for it, holds a goroutine and a connection, and
times out at the client.

thirdpartysync reports, in an HTTP handler (net/http, gin, echo, fiber)
and in every function it calls, in the same package or another
(through analysis facts): net/smtp.SendMail and smtp.Client sends,
gomail and go-mail DialAndSend (and gomail's Send on a connection
it dialed), SendGrid, Mailgun and Twilio clients
(messages, calls, Verify's one-time codes), and AWS SES and SNS
SendEmail and Publish, v1 and v2: every variant of a send, with a
context or not, single, bulk or templated (SendWithContext,
sendgrid.API, SendEmailWithContext, SendTemplatedEmail, SendBulkEmail,
DialAndSendWithContext). A call that only builds the request to send
later (aws-sdk-go's SendEmailRequest) is not a send. A call written in the
handler is reported where it is; one reached through a notifier or a
service, at the handler's call, with the chain.

It does not report the same calls inside a function started with go
(unless the handler then waits for it: a sync.WaitGroup's Wait after
the goroutine's Done, or a receive, outside a select, from a channel
the goroutine sends on or closes; errgroup's Go and Wait likewise), in
a worker or job handler that is not an HTTP handler, or outside the
request path.

Nor does it report them in the HTTP handler a push queue or a scheduler
calls: Cloud Tasks, App Engine task queues and cron, Cloud Scheduler,
SNS HTTP subscriptions and QStash post each job to a handler and retry
it with backoff until it answers, and no user waits; that handler is
the queue the remedy asks for. Such a handler reads a header only the
queue's delivery carries (X-CloudTasks-QueueName and the other
X-CloudTasks- headers, X-AppEngine-QueueName, X-AppEngine-TaskName,
X-AppEngine-Cron, X-CloudScheduler, x-amz-sns-message-type,
Upstash-Signature, in any case, by r.Header.Get, the header map, gin's
GetHeader or fiber's Get), verifies the delivery (QStash's
Receiver.Verify), decides in an if or a switch on a helper of its
package that does, or is routed through a middleware of its package
that decides on one (wrapping it, or before it in gin's chain). A
helper or middleware that only logs such a header decides nothing, and
another header (X-Request-Id, Authorization) is no queue's.

A finding is a warning: the request waits for the provider, so the
feature is as slow as the provider and down when it is, while the rest
of the service goes on. The handlers of a package that send through one
notifier or service of another package are one finding, at the first,
with the others as related locations: the remedy is the notifier's.`,
		Before: `
func register(w http.ResponseWriter, r *http.Request) {
	...
	smtp.SendMail(addr, auth, from, []string{u.Email}, welcome(u))
`,
		After: `
func register(w http.ResponseWriter, r *http.Request) {
	...
	jobs.Insert(r.Context(), WelcomeEmailArgs{UserID: u.ID}) // river, asynq, an outbox table
`,
		Severity: lint.SeverityWarning,
	},
	Fixes: false,
	Remedy: `There is no automatic fix: enqueue the message on a durable queue (a
table-backed outbox, river, asynq) and respond at once. A bare
goroutine also frees the request, but loses the message when the
process dies before it is sent.`,
})
