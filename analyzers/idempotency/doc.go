// Package idempotency defines an Analyzer that reports payments created
// without an idempotency key.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain idempotency prints it.
package idempotency

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is idempotency's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "idempotency",
	Crisis: "a double click charges the card twice",
	RawDocumentation: lint.RawDocumentation{
		Title: "payment calls that carry no idempotency key (a retry charges twice)",
		Text: `The customer clicks Pay twice, or the client retries after a timeout
whose request in fact went through, and each request creates a new
charge, because the payment call carries no idempotency key by which the
provider would know the second for the first.

idempotency reports:

  - stripe-go calls that move money or open a checkout (v72 to the
    current major: charge.New, paymentintent.New and Confirm,
    refund.New, transfer.New, payout.New, checkout/session.New,
    subscription.New (sub.New in v72: a subscription bills its first
    invoice when it is created), their
    client.API forms such as sc.Charges.New, and stripe.Client's
    sc.V1PaymentIntents.Create and the like) whose params never get
    SetIdempotencyKey, or an IdempotencyKey, in the function before the
    call. A function of the program that passes its own params
    parameter to such a call is a payment call too (a fact tells its
    callers in any package), and is checked where it is called;
  - raw POSTs to a payment API (Stripe, Adyen, PayPal, Mollie) that set
    no Idempotency-Key header (PayPal-Request-Id for PayPal): http.Post,
    an http.NewRequest with method POST whose request gets no such
    header in the function, or resty's Post on a request whose chain
    (rc.R().SetBody(b).Post(url)) or variable sets none.

It also reports such a call retried in a for loop (one it leaves on
success) whose params get a new random key inside the loop
(SetIdempotencyKey(uuid.NewString()) on every attempt): each retry is
a new payment. A key made once before the loop, or a new key for each
item of a range over orders, is not reported.

It does not report read-only calls (Get, List, Retrieve, GET requests),
params that get a key before the call (also inside a function of the
program they are handed to, or that builds and returns them keyed:
params := newIntentParams(order)), a request handed to another
function of the program, which may set the header, or a checkout
session tied to an order of the program (a ClientReferenceID set on its
params): the completion webhook gets the reference back and credits
that order, so a double click opens a second page for one order, and
nothing is charged or credited twice unless the customer pays both.`,
		Before: `
func pay(w http.ResponseWriter, r *http.Request) {
	params := &stripe.PaymentIntentParams{Amount: stripe.Int64(amount), Currency: stripe.String("eur"), Confirm: stripe.Bool(true)}
	pi, err := paymentintent.New(params)
`,
		After: `
func pay(w http.ResponseWriter, r *http.Request) {
	params := &stripe.PaymentIntentParams{Amount: stripe.Int64(amount), Currency: stripe.String("eur"), Confirm: stripe.Bool(true)}
	params.SetIdempotencyKey(r.Header.Get("Idempotency-Key")) // the client sends one key per payment, and the same on a retry
	pi, err := paymentintent.New(params)
`,
		Severity: lint.SeverityError,
	},
	Remedy: `The key must identify the customer's intent, not the attempt: one the
client sends with the request and sends again on a retry, or one
derived from the order. A fresh random key per call defeats the
purpose. Store it with the response (in Redis or the database), so that
a retry of the request returns the first result instead of paying again.

The suggested fix, where the call is made in an HTTP handler and the
params are a variable, sets the key from the request's Idempotency-Key
header when the client sent one. Elsewhere there is no automatic fix:
pass a key down from the request.
Severity: error for calls that move money, note for a checkout session
tied to no order: a duplicate is a second payment page, not a second
payment, and expires unpaid unless the customer pays both; the webhook
that credits a completed session once is where duplicates are stopped.
A payment intent created without Confirm is a note for the same reason:
nothing is charged until the customer confirms it in the browser
(Stripe.js, Stripe's quick-start flow), so a duplicate stays unpaid.
Params that set Confirm, or that a function is handed before the call
(it may set it), keep the error.`,
})
