// Package billing charges with the params its callers give, and sets
// keys for them.
package billing

import (
	"errors"

	stripe "github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/charge"
)

func Charge(params *stripe.ChargeParams) (*stripe.Charge, error) { // want Charge:`payment: creates a charge with params arg0`
	return charge.New(params)
}

func Key(p *stripe.ChargeParams, order string) { // want Key:`payment: sets the key of arg0`
	p.SetIdempotencyKey("order-" + order)
}

// NewParams builds the params of an order's charge with the order's key.
func NewParams(order string, amount int64) (*stripe.ChargeParams, error) { // want NewParams:`payment: returns params with a key`
	if amount <= 0 {
		return nil, errNoAmount
	}
	p := &stripe.ChargeParams{Amount: stripe.Int64(amount)}
	p.SetIdempotencyKey("order-" + order)
	return p, nil
}

// Draft builds params without a key on one path: its params are not keyed.
func Draft(order string, keyed bool) *stripe.ChargeParams {
	p := &stripe.ChargeParams{Amount: stripe.Int64(100)}
	if keyed {
		q := &stripe.ChargeParams{Amount: stripe.Int64(100)}
		q.SetIdempotencyKey("order-" + order)
		return q
	}
	return p
}

var errNoAmount = errors.New("no amount")
