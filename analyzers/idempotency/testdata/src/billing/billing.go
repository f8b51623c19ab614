// Package billing charges with the params its callers give, and sets
// keys for them.
package billing

import (
	stripe "github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/charge"
)

func Charge(params *stripe.ChargeParams) (*stripe.Charge, error) { // want Charge:`payment: creates a charge with params arg0`
	return charge.New(params)
}

func Key(p *stripe.ChargeParams, order string) { // want Key:`payment: sets the key of arg0`
	p.SetIdempotencyKey("order-" + order)
}
