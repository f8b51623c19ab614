// Package rpcimpl implements the service of rpcsvc, known to serve RPCs
// through the fact.
package rpcimpl

import (
	"context"
	"time"
)

type Users struct{}

func (Users) Get(ctx context.Context, id int64) (string, error) {
	time.Sleep(time.Second)
	return "", nil
}
