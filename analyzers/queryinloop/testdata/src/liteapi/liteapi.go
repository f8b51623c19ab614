// Package liteapi queries through litecore, which imports the SQLite
// driver: it never names it, and its loops are no N+1 either.
package liteapi

import (
	"context"
	"net/http"

	"litecore"
)

func Names(app *litecore.App) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for _, id := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18} {
			app.Name(context.Background(), id) // OK: SQLite, in the process
		}
	}
}
