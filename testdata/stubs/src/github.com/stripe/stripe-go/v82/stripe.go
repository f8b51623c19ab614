// Package stripe is a fake of github.com/stripe/stripe-go/v82: params
// embed Params, which carries the idempotency key.
package stripe

import "context"

type Params struct {
	IdempotencyKey *string
	Metadata       map[string]string
}

func (p *Params) SetIdempotencyKey(val string) { p.IdempotencyKey = &val }

func String(v string) *string { return &v }
func Int64(v int64) *int64    { return &v }
func Bool(v bool) *bool       { return &v }

type ChargeParams struct {
	Params   `form:"*"`
	Amount   *int64
	Currency *string
}

type Charge struct{ ID string }

type PaymentIntentParams struct {
	Params     `form:"*"`
	Amount     *int64
	Currency   *string
	Confirm    *bool
	OffSession *bool
}

type PaymentIntentConfirmParams struct {
	Params `form:"*"`
}

type PaymentIntent struct{ ID, ClientSecret string }

type RefundParams struct {
	Params `form:"*"`
	Charge *string
}

type Refund struct{ ID string }

type CheckoutSessionParams struct {
	Params            `form:"*"`
	SuccessURL        *string
	ClientReferenceID *string
}

type CheckoutSession struct{ ID string }

type PaymentIntentCreateParams struct {
	Params   `form:"*"`
	Amount   *int64
	Currency *string
	Confirm  *bool
}

type PaymentIntentRetrieveParams struct {
	Params `form:"*"`
}

type v1PaymentIntentService struct{}

func (c v1PaymentIntentService) Create(ctx context.Context, params *PaymentIntentCreateParams) (*PaymentIntent, error) {
	return nil, nil
}

func (c v1PaymentIntentService) Retrieve(ctx context.Context, id string, params *PaymentIntentRetrieveParams) (*PaymentIntent, error) {
	return nil, nil
}

type Client struct {
	V1PaymentIntents *v1PaymentIntentService
}

func NewClient(key string) *Client { return &Client{} }
