// Package gopool is a stub of github.com/bytedance/gopkg/util/gopool: a
// pool that queues each task for a worker goroutine started elsewhere, so
// no go statement of Go's own tells that it does not wait.
package gopool

import "context"

type Pool interface {
	Go(f func())
	CtxGo(ctx context.Context, f func())
}

type pool struct{ tasks chan func() }

func (p *pool) Go(f func())                         { p.tasks <- f }
func (p *pool) CtxGo(ctx context.Context, f func()) { p.tasks <- f }

var defaultPool Pool = &pool{tasks: make(chan func(), 64)}

func Go(f func())                         { defaultPool.Go(f) }
func CtxGo(ctx context.Context, f func()) { defaultPool.CtxGo(ctx, f) }
