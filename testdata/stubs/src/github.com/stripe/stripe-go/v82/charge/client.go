// Package charge is a fake of stripe-go's charge package.
package charge

import stripe "github.com/stripe/stripe-go/v82"

func New(params *stripe.ChargeParams) (*stripe.Charge, error)            { return nil, nil }
func Get(id string, params *stripe.ChargeParams) (*stripe.Charge, error) { return nil, nil }
