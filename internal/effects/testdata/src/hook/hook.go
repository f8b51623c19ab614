// Package hook declares what a hook does.
package hook

import "context"

type Plugin interface {
	Run(ctx context.Context) error
}
