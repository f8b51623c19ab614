package precision

import (
	"context"
	"time"
)

var (
	pricing     map[string]int
	lastPricing time.Time
)

// priceOf reads a package-level cache that reloads once a minute for the
// whole process (new-api's GetPricing): no query per call.
func priceOf(ctx context.Context, model string) int {
	if time.Since(lastPricing) > time.Minute || len(pricing) == 0 {
		rows, _ := db.QueryContext(ctx, "SELECT model, price FROM pricing")
		rows.Close()
		lastPricing = time.Now()
	}
	return pricing[model]
}

func totalPrice(ctx context.Context, models []string) int {
	total := 0
	for _, m := range models {
		total += priceOf(ctx, m)
	}
	return total
}
