// Package keys declares what a key manager does, and implements nothing.
package keys

import "context"

type Manager interface {
	GetKeySet(ctx context.Context, set string) (string, error)
	Rotate(ctx context.Context, set string) error
}
