package knowledge

import (
	"go/types"
	"regexp"
	"strconv"
	"strings"
)

// This file tells which calls move money through a payment provider, and
// how each takes an idempotency key: the key that makes a retried or
// double-clicked request charge once.

// PaymentCall is a call that creates a payment (or moves money) at a
// provider.
type PaymentCall struct {
	// What the call creates, for messages: "charge", "refund".
	What string
	// Params is the position of the params struct that carries the
	// idempotency key.
	Params int
	// Money is set when a duplicate moves money twice; a duplicate
	// checkout session only shows the customer a second payment page.
	Money bool
	// MoneyIf, when set, names the field of the params that makes the
	// call move money: a payment intent created without Confirm charges
	// nothing until the customer confirms it (Stripe.js in the browser,
	// the quick-start flow), so a duplicate is an intent left unpaid.
	MoneyIf string
	// Since is the first major version of the library with the call;
	// Until, when set, the last.
	Since, Until int
}

// stripeModule is stripe-go's module path without its major version:
// the APIs below have kept their shape from v72 to v83, and each major is
// its own module path.
const stripeModule = "github.com/stripe/stripe-go/v"

// StripeOldest is the oldest major version of stripe-go the tables
// describe.
const StripeOldest = 72

// stripeCalls are stripe-go's payment calls, the major version written as
// "vN": the package-level functions, the methods of the clients of
// client.API (sc.Charges.New), and, since v82, of stripe.Client
// (sc.V1PaymentIntents.Create).
var stripeCalls = map[string]PaymentCall{}

func init() {
	// confirmOnCreate marks the calls that create a payment intent: they
	// move money only when their params set Confirm.
	confirmOnCreate := func(names ...string) {
		for _, name := range names {
			c := stripeCalls[name]
			c.MoneyIf = "Confirm"
			stripeCalls[name] = c
		}
	}
	pkgCall := func(pkg, fn, what string, params int, money bool) {
		c := PaymentCall{What: what, Params: params, Money: money, Since: StripeOldest}
		stripeCalls["github.com/stripe/stripe-go/vN/"+pkg+"."+fn] = c
		stripeCalls["(github.com/stripe/stripe-go/vN/"+pkg+".Client)."+fn] = c
	}
	pkgCall("charge", "New", "charge", 0, true)
	pkgCall("paymentintent", "New", "payment intent", 0, true)
	confirmOnCreate("github.com/stripe/stripe-go/vN/paymentintent.New", "(github.com/stripe/stripe-go/vN/paymentintent.Client).New")
	pkgCall("paymentintent", "Confirm", "payment (confirming a payment intent)", 1, true)
	pkgCall("refund", "New", "refund", 0, true)
	pkgCall("transfer", "New", "transfer", 0, true)
	pkgCall("payout", "New", "payout", 0, true)
	pkgCall("checkout/session", "New", "checkout session", 0, false)
	// A subscription bills its first invoice when it is created: a
	// duplicate charges the customer twice. Its package was sub until
	// v72, subscription since v74 (there is no v73).
	pkgCall("sub", "New", "subscription", 0, true)
	for _, name := range []string{"github.com/stripe/stripe-go/vN/sub.New", "(github.com/stripe/stripe-go/vN/sub.Client).New"} {
		c := stripeCalls[name]
		c.Until = 72
		stripeCalls[name] = c
	}
	pkgCall("subscription", "New", "subscription", 0, true)
	for _, name := range []string{"github.com/stripe/stripe-go/vN/subscription.New", "(github.com/stripe/stripe-go/vN/subscription.Client).New"} {
		c := stripeCalls[name]
		c.Since = 74
		stripeCalls[name] = c
	}

	service := func(svc, method, what string, params int, money bool) {
		stripeCalls["(github.com/stripe/stripe-go/vN.v1"+svc+"Service)."+method] = PaymentCall{What: what, Params: params, Money: money, Since: 82}
	}
	service("Charge", "Create", "charge", 1, true)
	service("PaymentIntent", "Create", "payment intent", 1, true)
	confirmOnCreate("(github.com/stripe/stripe-go/vN.v1PaymentIntentService).Create")
	service("PaymentIntent", "Confirm", "payment (confirming a payment intent)", 2, true)
	service("Refund", "Create", "refund", 1, true)
	service("Transfer", "Create", "transfer", 1, true)
	service("Payout", "Create", "payout", 1, true)
	service("CheckoutSession", "Create", "checkout session", 1, false)
	service("Subscription", "Create", "subscription", 1, true)
}

// Stripe's params carry the key in their embedded Params: a method sets
// it, or the field is assigned.
const (
	stripeKeySetter  = "(*github.com/stripe/stripe-go/vN.Params).SetIdempotencyKey"
	stripeParamsType = "github.com/stripe/stripe-go/vN.Params"
	// StripeKeyField is the field of stripe.Params that holds the key.
	StripeKeyField = "IdempotencyKey"
	// StripeKeyMethod is the method of stripe.Params that sets it.
	StripeKeyMethod = "SetIdempotencyKey"
)

var stripeMajor = regexp.MustCompile(`github\.com/stripe/stripe-go/v([0-9]+)`)

// stripeName returns name with stripe-go's major version written as vN,
// and the major; ok is false for a name outside stripe-go, or of a major
// older than the tables.
func stripeName(name string) (generic string, major int, ok bool) {
	m := stripeMajor.FindStringSubmatchIndex(name)
	if m == nil {
		return "", 0, false
	}
	major, err := strconv.Atoi(name[m[2]:m[3]])
	if err != nil || major < StripeOldest {
		return "", 0, false
	}
	return name[:m[2]] + "N" + name[m[3]:], major, true
}

// PaymentCallOf returns what a call of fn creates at a payment provider.
func PaymentCallOf(fn *types.Func) (PaymentCall, bool) {
	generic, major, ok := stripeName(FuncName(fn))
	if !ok {
		return PaymentCall{}, false
	}
	c, ok := stripeCalls[generic]
	return c, ok && major >= c.Since && (c.Until == 0 || major <= c.Until)
}

// IsIdempotencyKeySetter reports whether fn sets the idempotency key of a
// payment's params: stripe.Params.SetIdempotencyKey.
func IsIdempotencyKeySetter(fn *types.Func) bool {
	generic, _, ok := stripeName(FuncName(fn))
	return ok && generic == stripeKeySetter
}

// IsIdempotencyKeyField reports whether v is the field of a payment's
// params that holds the idempotency key: stripe.Params.IdempotencyKey.
func IsIdempotencyKeyField(v *types.Var) bool {
	if !v.IsField() || v.Name() != StripeKeyField || v.Pkg() == nil {
		return false
	}
	generic, _, ok := stripeName(v.Pkg().Path() + ".Params")
	return ok && generic == stripeParamsType
}

// orderReferenceFields are the fields of a checkout session's params
// that tie the session to an order of the program
// (stripe.CheckoutSessionParams.ClientReferenceID, and its v83
// CheckoutSessionCreateParams twin): the completion webhook gets the
// reference back and credits that order, so a second session for the
// same click is a second page for one order, never a second credit.
var orderReferenceFields = map[string]bool{
	"github.com/stripe/stripe-go/vN.CheckoutSessionParams.ClientReferenceID":       true,
	"github.com/stripe/stripe-go/vN.CheckoutSessionCreateParams.ClientReferenceID": true,
}

// IsOrderReferenceField reports whether field, a field of the struct
// type owner, ties a checkout session to the program's own order.
func IsOrderReferenceField(owner *types.Named, field *types.Var) bool {
	if owner == nil || owner.Obj().Pkg() == nil {
		return false
	}
	generic, _, ok := stripeName(owner.Obj().Pkg().Path() + "." + owner.Obj().Name() + "." + field.Name())
	return ok && orderReferenceFields[generic]
}

// PaymentHost is a payment provider's API, as a raw HTTP client reaches it.
type PaymentHost struct {
	Service string
	// Header is the request header that carries the idempotency key.
	Header string
}

// paymentHosts are the payment APIs by host name; a host that ends with
// one of the suffixes counts too (Adyen's live endpoints have a prefix of
// the merchant's own).
var paymentHosts = map[string]PaymentHost{
	"api.stripe.com":           {Service: "Stripe", Header: "Idempotency-Key"},
	"api.paypal.com":           {Service: "PayPal", Header: "PayPal-Request-Id"},
	"api-m.paypal.com":         {Service: "PayPal", Header: "PayPal-Request-Id"},
	"api.sandbox.paypal.com":   {Service: "PayPal", Header: "PayPal-Request-Id"},
	"api-m.sandbox.paypal.com": {Service: "PayPal", Header: "PayPal-Request-Id"},
	"api.mollie.com":           {Service: "Mollie", Header: "Idempotency-Key"},
	".adyen.com":               {Service: "Adyen", Header: "Idempotency-Key"},
	".adyenpayments.com":       {Service: "Adyen", Header: "Idempotency-Key"},
}

// PaymentHostOf returns the payment API a URL (or its constant prefix)
// points at.
func PaymentHostOf(url string) (PaymentHost, bool) {
	rest, ok := strings.CutPrefix(url, "https://")
	if !ok {
		return PaymentHost{}, false
	}
	host, _, complete := strings.Cut(rest, "/")
	if !complete {
		return PaymentHost{}, false // the host may go on: https://api.stripe.com.evil
	}
	host, _, _ = strings.Cut(host, ":")
	host = strings.ToLower(host)
	if h, ok := paymentHosts[host]; ok {
		return h, true
	}
	for suffix, h := range paymentHosts {
		if strings.HasPrefix(suffix, ".") && strings.HasSuffix(host, suffix) {
			return h, true
		}
	}
	return PaymentHost{}, false
}

// RequestPosts are the POSTs of HTTP client libraries that build a request
// in a chain of calls (resty's client.R().SetHeader(...).Post(url)), with
// the position of their URL.
var RequestPosts = map[string]int{
	"(*github.com/go-resty/resty/v2.Request).Post": 0,
}

// RequestHeaderSetters are the calls of those chains that set a header,
// with the position of its name; -1 for those that set a map of headers
// built elsewhere.
var RequestHeaderSetters = map[string]int{
	"(*github.com/go-resty/resty/v2.Request).SetHeader":            0,
	"(*github.com/go-resty/resty/v2.Request).SetHeaderVerbatim":    0,
	"(*github.com/go-resty/resty/v2.Request).SetHeaders":           -1,
	"(*github.com/go-resty/resty/v2.Request).SetHeaderMultiValues": -1,
}

// FreshKeys make a new random identifier on every call: an idempotency key
// made by one inside the loop that retries a payment is a new key, and so
// a new payment, on every attempt.
var FreshKeys = map[string]bool{
	"github.com/google/uuid.New":       true,
	"github.com/google/uuid.NewString": true,
	"github.com/google/uuid.NewRandom": true,
	"github.com/google/uuid.NewV7":     true,
}
