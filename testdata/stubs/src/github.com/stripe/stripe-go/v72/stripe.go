// Package stripe is a fake of github.com/stripe/stripe-go/v72.
package stripe

type Params struct {
	IdempotencyKey *string
}

func (p *Params) SetIdempotencyKey(val string) { p.IdempotencyKey = &val }

func String(v string) *string { return &v }
func Int64(v int64) *int64    { return &v }

type ChargeParams struct {
	Params   `form:"*"`
	Amount   *int64
	Currency *string
}

type Charge struct{ ID string }
