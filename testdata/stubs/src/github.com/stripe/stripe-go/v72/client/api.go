// Package client is a fake of stripe-go v72's client package.
package client

import "github.com/stripe/stripe-go/v72/charge"

type API struct {
	Charges *charge.Client
}

func New(key string, backends interface{}) *API { return &API{Charges: &charge.Client{Key: key}} }
