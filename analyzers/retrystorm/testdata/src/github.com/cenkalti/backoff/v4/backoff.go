// Package backoff is a fake of github.com/cenkalti/backoff/v4 for tests.
package backoff

import "time"

type BackOff interface{ NextBackOff() time.Duration }

type ExponentialBackOff struct{}

func NewExponentialBackOff() *ExponentialBackOff { return &ExponentialBackOff{} }

func (b *ExponentialBackOff) NextBackOff() time.Duration { return time.Second }

type Operation func() error

func Retry(o Operation, b BackOff) error { return o() }
