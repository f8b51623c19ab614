// Package charge is a fake of stripe-go v72's charge package.
package charge

import stripe "github.com/stripe/stripe-go/v72"

type Client struct{ Key string }

func New(params *stripe.ChargeParams) (*stripe.Charge, error)            { return nil, nil }
func (c Client) New(params *stripe.ChargeParams) (*stripe.Charge, error) { return nil, nil }
func (c Client) Get(id string, params *stripe.ChargeParams) (*stripe.Charge, error) {
	return nil, nil
}
