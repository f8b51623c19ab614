// Package payapp takes payments with the real stripe-go v72, v82 and
// v83, for idempotency.
package payapp

import (
	"net/http"

	stripe72 "github.com/stripe/stripe-go/v72"
	client72 "github.com/stripe/stripe-go/v72/client"
	sub72 "github.com/stripe/stripe-go/v72/sub"
	stripe "github.com/stripe/stripe-go/v82"
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
	params := &stripe.PaymentIntentCreateParams{Amount: stripe.Int64(1000), Currency: stripe.String("eur")}
	s.sc.V1PaymentIntents.Create(r.Context(), params) // want `s.sc.V1PaymentIntents.Create creates a payment intent with no idempotency key`
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
