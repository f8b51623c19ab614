// Package shop pays through billing.
package shop

import (
	"billing"

	stripe "github.com/stripe/stripe-go/v82"
)

func Order(id string) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(100)}
	_, err := billing.Charge(params) // want `billing.Charge creates a charge with no idempotency key`
	return err
}

func OrderKeyed(id string) error {
	params := &stripe.ChargeParams{Amount: stripe.Int64(100)}
	billing.Key(params, id)
	_, err := billing.Charge(params)
	return err
}

// The key is set by the helper that builds the params.
func OrderBuilt(id string) error {
	params, err := billing.NewParams(id, 100)
	if err != nil {
		return err
	}
	_, err = billing.Charge(params)
	return err
}

func OrderDraft(id string) error {
	params := billing.Draft(id, false)
	_, err := billing.Charge(params) // want `billing.Charge creates a charge with no idempotency key`
	return err
}

func newLocal(id string) *stripe.ChargeParams { // want newLocal:`payment: returns params with a key`
	p := &stripe.ChargeParams{Amount: stripe.Int64(100)}
	p.SetIdempotencyKey("local-" + id)
	return p
}

func OrderLocal(id string) error {
	_, err := billing.Charge(newLocal(id))
	return err
}
