// Package pay creates payments in HTTP handlers and services, with and
// without idempotency keys.
package pay

import (
	"net/http"
	"strings"

	stripe "github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/charge"
	"github.com/stripe/stripe-go/v82/checkout/session"
	"github.com/stripe/stripe-go/v82/paymentintent"
	"github.com/stripe/stripe-go/v82/refund"
)

func Pay(w http.ResponseWriter, r *http.Request) {
	params := &stripe.PaymentIntentParams{Amount: stripe.Int64(1000), Currency: stripe.String("eur"), Confirm: stripe.Bool(true)}
	if _, err := paymentintent.New(params); err != nil { // want `paymentintent.New creates a payment intent with no idempotency key: a double click or a client's retry after a timeout creates a second one`
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

func PayKeyed(w http.ResponseWriter, r *http.Request) {
	params := &stripe.PaymentIntentParams{Amount: stripe.Int64(1000), Currency: stripe.String("eur")}
	params.SetIdempotencyKey(r.Header.Get("Idempotency-Key"))
	paymentintent.New(params)
}

func PayLiteral(w http.ResponseWriter, r *http.Request) {
	params := &stripe.ChargeParams{
		Params: stripe.Params{IdempotencyKey: stripe.String(r.FormValue("order"))},
		Amount: stripe.Int64(1000),
	}
	charge.New(params)
}

func PayField(w http.ResponseWriter, r *http.Request) {
	params := &stripe.ChargeParams{Amount: stripe.Int64(1000)}
	params.IdempotencyKey = stripe.String("order-" + r.FormValue("order"))
	charge.New(params)
}

func withKey(p *stripe.Params, key string) { p.SetIdempotencyKey(key) } // want withKey:`payment: sets the key of arg0`

func PayHelper(w http.ResponseWriter, r *http.Request) {
	params := &stripe.ChargeParams{Amount: stripe.Int64(1000)}
	withKey(&params.Params, r.Header.Get("Idempotency-Key"))
	charge.New(params)
}

func Show(w http.ResponseWriter, r *http.Request) {
	charge.Get(r.FormValue("id"), nil)
}

func Refund(w http.ResponseWriter, r *http.Request) {
	refund.New(&stripe.RefundParams{Charge: stripe.String(r.FormValue("charge"))}) // want `^error: refund.New creates a refund with no idempotency key`
}

func Checkout(w http.ResponseWriter, r *http.Request) {
	params := &stripe.CheckoutSessionParams{SuccessURL: stripe.String("https://shop.example/ok")}
	s, err := session.New(params) // want `^note: session.New creates a checkout session with no idempotency key: a double click or a client's retry opens a second payment page for the same order, which costs nothing unless the customer pays both`
	if err == nil {
		http.Redirect(w, r, s.ID, http.StatusSeeOther)
	}
}

// A session tied to the program's order: the completion webhook credits
// that order once, whatever the number of pages opened for it.
func CheckoutOrder(w http.ResponseWriter, r *http.Request) {
	session.New(&stripe.CheckoutSessionParams{ClientReferenceID: stripe.String(r.FormValue("order"))})
}

func CheckoutOrderAssigned(w http.ResponseWriter, r *http.Request) {
	params := &stripe.CheckoutSessionParams{SuccessURL: stripe.String("https://shop.example/ok")}
	params.ClientReferenceID = stripe.String(r.FormValue("order"))
	session.New(params)
}

// The reference set after the call ties nothing.
func CheckoutOrderLate(w http.ResponseWriter, r *http.Request) {
	params := &stripe.CheckoutSessionParams{SuccessURL: stripe.String("https://shop.example/ok")}
	session.New(params) // want `^note: session.New creates a checkout session with no idempotency key`
	params.ClientReferenceID = stripe.String(r.FormValue("order"))
}

type Server struct{ sc *stripe.Client }

func (s *Server) Create(w http.ResponseWriter, r *http.Request) {
	params := &stripe.PaymentIntentCreateParams{Amount: stripe.Int64(500), Confirm: stripe.Bool(true)}
	for i := 0; i < 1; i++ {
		s.sc.V1PaymentIntents.Create(r.Context(), params) // want `s.sc.V1PaymentIntents.Create creates a payment intent with no idempotency key: a double click`
	}
}

func (s *Server) Get(w http.ResponseWriter, r *http.Request) {
	s.sc.V1PaymentIntents.Retrieve(r.Context(), r.FormValue("id"), nil)
}

// Billing wraps the charge call: its callers give the params.
type Billing struct{}

func (b *Billing) Charge(params *stripe.ChargeParams) error { // want Charge:`payment: creates a charge with params arg0`
	_, err := charge.New(params)
	return err
}

func (s *Server) Buy(w http.ResponseWriter, r *http.Request) {
	var b Billing
	params := &stripe.ChargeParams{Amount: stripe.Int64(100)}
	b.Charge(params) // want `b.Charge creates a charge with no idempotency key`
}

func (s *Server) BuyKeyed(w http.ResponseWriter, r *http.Request) {
	var b Billing
	params := &stripe.ChargeParams{Amount: stripe.Int64(100)}
	params.SetIdempotencyKey(r.Header.Get("Idempotency-Key"))
	b.Charge(params)
}

// Renew runs in a job: no request, no key to take from it.
func Renew(customer string) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(900)}
	_, err := charge.New(params) // want `charge.New creates a charge with no idempotency key`
	return err
}

func RawStripe(w http.ResponseWriter, r *http.Request) {
	http.Post("https://api.stripe.com/v1/charges", "application/x-www-form-urlencoded", strings.NewReader("amount=100")) // want `http.Post sends a POST to Stripe's API with no Idempotency-Key header`
}

const paypal = "https://api-m.paypal.com"

func RawPayPal(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodPost, paypal+"/v2/checkout/orders", nil) // want `http.NewRequestWithContext sends a POST to PayPal's API with no PayPal-Request-Id header`
	http.DefaultClient.Do(req)
}

func RawPayPalKeyed(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodPost, paypal+"/v2/checkout/orders", nil)
	req.Header.Set("PayPal-Request-Id", r.Header.Get("Idempotency-Key"))
	http.DefaultClient.Do(req)
}

func RawGet(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest("GET", "https://api.stripe.com/v1/charges", nil)
	http.DefaultClient.Do(req)
}

func RawOther(w http.ResponseWriter, r *http.Request) {
	http.Post("https://api.stripe.com.example.org/v1/charges", "text/plain", nil)
	http.Post("https://hooks.example.com/v1/charges", "text/plain", nil)
}

func sign(req *http.Request) { req.Header.Set("Idempotency-Key", req.URL.Path) }

func RawSigned(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest("POST", "https://api.mollie.com/v2/payments", nil)
	sign(req)
	http.DefaultClient.Do(req)
}

func ConfirmIntent(w http.ResponseWriter, r *http.Request) {
	params := &stripe.PaymentIntentConfirmParams{}
	paymentintent.Confirm(r.FormValue("id"), params) // want `paymentintent.Confirm creates a payment \(confirming a payment intent\) with no idempotency key`
}

// The quick-start flow: the intent is created unconfirmed and its client
// secret returned; Stripe.js confirms it in the browser. A duplicate is
// an intent that stays unpaid.
func CreateIntent(w http.ResponseWriter, r *http.Request) {
	params := &stripe.PaymentIntentParams{Amount: stripe.Int64(1400), Currency: stripe.String("usd")}
	pi, err := paymentintent.New(params) // want `note: paymentintent.New creates a payment intent with no idempotency key and without Confirm: nothing is charged until the customer confirms it`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Write([]byte(pi.ClientSecret))
}

// Confirmed after the literal, or possibly by a helper: it charges.
func CreateAndConfirm(w http.ResponseWriter, r *http.Request) {
	params := &stripe.PaymentIntentParams{Amount: stripe.Int64(1400), Currency: stripe.String("usd")}
	params.Confirm = stripe.Bool(true)
	paymentintent.New(params) // want `paymentintent.New creates a payment intent with no idempotency key: a double click`
}

func CreateWithHelper(w http.ResponseWriter, r *http.Request) {
	params := &stripe.PaymentIntentParams{Amount: stripe.Int64(1400), Currency: stripe.String("usd")}
	offSession(params)
	paymentintent.New(params) // want `paymentintent.New creates a payment intent with no idempotency key: a double click`
}

func offSession(p *stripe.PaymentIntentParams) {
	p.Confirm, p.OffSession = stripe.Bool(true), stripe.Bool(true)
}
