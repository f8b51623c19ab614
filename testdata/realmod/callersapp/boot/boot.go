// Package boot runs the program's start-up steps, as gitea's routers
// package does.
package boot

import (
	"context"
	"log"
	"reflect"
	"runtime"

	"realmod/callersapp/model"
)

// mustInitCtx runs a step, and names it when it fails.
func mustInitCtx(ctx context.Context, fn func(ctx context.Context) error) {
	if err := fn(ctx); err != nil {
		log.Fatalf("%s failed: %v", runtime.FuncForPC(reflect.ValueOf(fn).Pointer()).Name(), err)
	}
}

var later []func(ctx context.Context) error

// keep keeps a step to run later.
func keep(fn func(ctx context.Context) error) {
	later = append(later, fn)
}

// RunLater runs the kept steps.
func RunLater(ctx context.Context) {
	for _, fn := range later {
		fn(ctx)
	}
}

// InitInstalled starts an installed instance.
func InitInstalled(ctx context.Context) {
	mustInitCtx(ctx, model.InitApps)
	keep(model.InitHooks)
}
