// Package payapp takes payments with the real stripe-go v72, v82 and
// v83, for idempotency.
package payapp

import (
	"net/http"

	"github.com/go-resty/resty/v2"
	"github.com/google/uuid"
	stripe72 "github.com/stripe/stripe-go/v72"
	client72 "github.com/stripe/stripe-go/v72/client"
	sub72 "github.com/stripe/stripe-go/v72/sub"
	stripe "github.com/stripe/stripe-go/v82"
	charge82 "github.com/stripe/stripe-go/v82/charge"
	"github.com/stripe/stripe-go/v82/paymentintent"
	"github.com/stripe/stripe-go/v82/refund"
	stripe83 "github.com/stripe/stripe-go/v83"
	"github.com/stripe/stripe-go/v83/charge"
	session83 "github.com/stripe/stripe-go/v83/checkout/session"
	subscription83 "github.com/stripe/stripe-go/v83/subscription"
)

type Shop struct {
	sc   *stripe.Client
	sc83 *stripe83.Client
	old  *client72.API
}

func (s *Shop) Pay(w http.ResponseWriter, r *http.Request) {
	params := &stripe.PaymentIntentCreateParams{Amount: stripe.Int64(1000), Currency: stripe.String("eur"), Confirm: stripe.Bool(true)}
	s.sc.V1PaymentIntents.Create(r.Context(), params) // want `s.sc.V1PaymentIntents.Create creates a payment intent with no idempotency key: a double click`
}

// Created unconfirmed for Stripe.js to confirm in the browser: a
// duplicate is an intent left unpaid.
func (s *Shop) IntentForBrowser(w http.ResponseWriter, r *http.Request) {
	params := &stripe.PaymentIntentParams{Amount: stripe.Int64(1400), Currency: stripe.String("usd")}
	paymentintent.New(params) // want `paymentintent.New creates a payment intent with no idempotency key and without Confirm: nothing is charged`
}

func (s *Shop) Confirm(w http.ResponseWriter, r *http.Request) {
	params := &stripe83.PaymentIntentConfirmParams{}
	params.SetIdempotencyKey(r.Header.Get("Idempotency-Key"))
	s.sc83.V1PaymentIntents.Confirm(r.Context(), r.FormValue("id"), params)
}

func (s *Shop) Refund(w http.ResponseWriter, r *http.Request) {
	refund.New(&stripe.RefundParams{PaymentIntent: stripe.String(r.FormValue("pi"))}) // want `refund.New creates a refund with no idempotency key`
}

func (s *Shop) Intent(w http.ResponseWriter, r *http.Request) {
	params := &stripe.PaymentIntentParams{Amount: stripe.Int64(1000)}
	params.IdempotencyKey = stripe.String(r.Header.Get("Idempotency-Key"))
	paymentintent.New(params)
}

func (s *Shop) Show(w http.ResponseWriter, r *http.Request) {
	s.sc.V1PaymentIntents.Retrieve(r.Context(), r.FormValue("id"), nil)
	charge.Get(r.FormValue("charge"), nil)
}

func (s *Shop) Legacy(w http.ResponseWriter, r *http.Request) {
	params := &stripe72.ChargeParams{Amount: stripe72.Int64(100)}
	s.old.Charges.New(params) // want `s.old.Charges.New creates a charge with no idempotency key`
}

func (s *Shop) Checkout(w http.ResponseWriter, r *http.Request) {
	params := &stripe83.CheckoutSessionParams{SuccessURL: stripe83.String("https://shop.example/ok")}
	session83.New(params) // want `session83.New creates a checkout session with no idempotency key`
}

// A session tied to the shop's order (its webhook credits that order
// once): a second page for one order is no second payment.
func (s *Shop) CheckoutOrder(w http.ResponseWriter, r *http.Request) {
	session83.New(&stripe83.CheckoutSessionParams{ClientReferenceID: stripe83.String(r.FormValue("order"))})
	s.sc.V1CheckoutSessions.Create(r.Context(), &stripe.CheckoutSessionCreateParams{ClientReferenceID: stripe.String(r.FormValue("order"))})
	s.sc.V1CheckoutSessions.Create(r.Context(), &stripe.CheckoutSessionCreateParams{SuccessURL: stripe.String("https://shop.example/ok")}) // want `s.sc.V1CheckoutSessions.Create creates a checkout session with no idempotency key`
}

// A subscription bills its first invoice when it is created.
func (s *Shop) Subscribe(w http.ResponseWriter, r *http.Request) {
	sub72.New(&stripe72.SubscriptionParams{Customer: stripe72.String(r.FormValue("customer"))})                                  // want `sub72.New creates a subscription with no idempotency key`
	s.sc.V1Subscriptions.Create(r.Context(), &stripe.SubscriptionCreateParams{Customer: stripe.String(r.FormValue("customer"))}) // want `s.sc.V1Subscriptions.Create creates a subscription with no idempotency key`
}

func (s *Shop) SubscribeKeyed(w http.ResponseWriter, r *http.Request) {
	params := &stripe83.SubscriptionParams{Customer: stripe83.String(r.FormValue("customer"))}
	params.SetIdempotencyKey(r.Header.Get("Idempotency-Key"))
	subscription83.New(params)
}

// A hand-written Adyen integration over resty.
type Adyen struct {
	rc  *resty.Client
	key string
}

func (a *Adyen) Pay(r *http.Request, body any) error {
	_, err := a.rc.R().SetContext(r.Context()).SetHeader("X-API-Key", a.key).SetBody(body).Post("https://checkout-test.adyen.com/v71/payments") // want `Post sends a POST to Adyen's API with no Idempotency-Key header`
	return err
}

func (a *Adyen) PayKeyed(r *http.Request, body any) error {
	_, err := a.rc.R().SetHeader("Idempotency-Key", r.Header.Get("Idempotency-Key")).SetBody(body).Post("https://checkout-test.adyen.com/v71/payments")
	return err
}

func (a *Adyen) PayBuilt(r *http.Request, body any) error {
	req := a.rc.R().SetBody(body)
	req.SetHeader("Idempotency-Key", r.Header.Get("Idempotency-Key"))
	_, err := req.Post("https://checkout-test.adyen.com/v71/payments")
	return err
}

// Not a payment API.
func (a *Adyen) Notify(body any) error {
	_, err := a.rc.R().SetBody(body).Post("https://hooks.example.com/notify")
	return err
}

// A fresh key on every attempt makes every retry a new charge.
func ChargeWithRetry(cust string) (*stripe.Charge, error) {
	var last error
	for i := 0; i < 3; i++ {
		params := &stripe.ChargeParams{Amount: stripe.Int64(100), Customer: stripe.String(cust)}
		params.SetIdempotencyKey(uuid.NewString())
		ch, err := charge82.New(params) // want `charge82.New creates a charge with a new idempotency key on every attempt of the loop around it \(uuid.NewString\(\)\)`
		if err == nil {
			return ch, nil
		}
		last = err
	}
	return nil, last
}

func ChargeWithRetryOneKey(cust string) (*stripe.Charge, error) {
	key := uuid.NewString()
	var last error
	for i := 0; i < 3; i++ {
		params := &stripe.ChargeParams{Amount: stripe.Int64(100), Customer: stripe.String(cust)}
		params.SetIdempotencyKey(key)
		ch, err := charge82.New(params)
		if err == nil {
			return ch, nil
		}
		last = err
	}
	return nil, last
}

// One charge per order, each with its own key: no retry.
func ChargeEach(custs []string) {
	for _, cust := range custs {
		params := &stripe.ChargeParams{Amount: stripe.Int64(100), Customer: stripe.String(cust)}
		params.SetIdempotencyKey(uuid.NewString())
		charge82.New(params)
	}
}
