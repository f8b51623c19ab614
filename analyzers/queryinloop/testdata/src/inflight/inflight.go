// Package inflight starts a store's cache invalidation at most once at a
// time, as openfga's cache controller does: a loop over checks that asks
// for it does not query once per check.
package inflight

import (
	"context"
	"database/sql"
	"sync"
)

type Controller struct {
	db       *sql.DB
	inflight sync.Map
}

func (c *Controller) invalidate(storeID string) {
	c.db.ExecContext(context.Background(), "DELETE FROM cache WHERE store_id = $1", storeID)
}

// InvalidateIfNeeded starts an invalidation unless one runs for the store.
func (c *Controller) InvalidateIfNeeded(storeID string) {
	if _, loaded := c.inflight.LoadOrStore(storeID, struct{}{}); loaded {
		return
	}
	go func() {
		c.invalidate(storeID)
		c.inflight.Delete(storeID)
	}()
}

// InvalidateAlways starts one per call.
func (c *Controller) InvalidateAlways(storeID string) {
	go c.invalidate(storeID)
}

func (c *Controller) Check(ctx context.Context, stores []string) {
	for _, s := range stores {
		c.InvalidateIfNeeded(s) // OK: once per store at a time
	}
	for _, s := range stores {
		c.InvalidateAlways(s) // want `c.InvalidateAlways in a loop runs one query per iteration`
	}
}
