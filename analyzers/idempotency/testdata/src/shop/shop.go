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
