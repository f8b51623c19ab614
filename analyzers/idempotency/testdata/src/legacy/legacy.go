// Package legacy charges through stripe-go v72's client.API.
package legacy

import (
	"net/http"

	stripe "github.com/stripe/stripe-go/v72"
	"github.com/stripe/stripe-go/v72/charge"
	"github.com/stripe/stripe-go/v72/client"
)

type Handler struct{ sc *client.API }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	params := &stripe.ChargeParams{Amount: stripe.Int64(100)}
	h.sc.Charges.New(params) // want `h.sc.Charges.New creates a charge with no idempotency key`
}

func Keyed(w http.ResponseWriter, r *http.Request) {
	params := &stripe.ChargeParams{Amount: stripe.Int64(100)}
	params.SetIdempotencyKey(r.Header.Get("Idempotency-Key"))
	charge.New(params)
}
