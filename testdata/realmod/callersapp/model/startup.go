package model

import (
	"context"
	"net/http"
)

func registeredApps(ctx context.Context) []int64 {
	var ids []int64
	rows, _ := DB.QueryContext(ctx, "SELECT id FROM oauth2_application WHERE builtin")
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids
}

// InitApps deletes the builtin applications no longer enabled, as gitea's
// auth.Init does: only the program's start-up runs it, handed to a step
// runner by the boot package that a command calls.
func InitApps(ctx context.Context) error {
	for _, id := range registeredApps(ctx) {
		DB.ExecContext(ctx, "DELETE FROM oauth2_application WHERE id = $1", id)
	}
	return nil
}

// InitHooks does the same for hooks, but the boot package keeps it to
// run later, whenever asked.
func InitHooks(ctx context.Context) error {
	for _, id := range registeredApps(ctx) {
		DB.ExecContext(ctx, "DELETE FROM hook WHERE app_id = $1", id) // want `^DB.ExecContext in a loop runs one query per iteration`
	}
	return nil
}

// LoadLabels loads the labels once, from a package's init function.
func LoadLabels(ctx context.Context) {
	for _, id := range registeredApps(ctx) {
		DB.ExecContext(ctx, "UPDATE label SET app_id = $1", id)
	}
}

// RefreshLabels is called from a handler an init function registers: per
// request.
func RefreshLabels(ctx context.Context) {
	for _, id := range registeredApps(ctx) {
		DB.ExecContext(ctx, "UPDATE label SET app_id = $1", id) // want `^DB.ExecContext in a loop runs one query per iteration`
	}
}

// labelCount counts the labels once, as the package is initialized.
var labelCount = CountLabels(context.Background())

// CountLabels runs from a package-level variable's initializer only.
func CountLabels(ctx context.Context) int {
	n := 0
	for _, id := range registeredApps(ctx) {
		DB.ExecContext(ctx, "UPDATE label SET counted = true WHERE app_id = $1", id)
		n++
	}
	return n
}

// RecountLabels is called in a local variable's declaration of a
// handler's (web.Labels): per request.
func RecountLabels(ctx context.Context) int {
	n := 0
	for _, id := range registeredApps(ctx) {
		DB.ExecContext(ctx, "UPDATE label SET counted = true WHERE app_id = $1", id) // want `^DB.ExecContext in a loop runs one query per iteration`
		n++
	}
	return n
}

func init() {
	LoadLabels(context.Background())
	http.HandleFunc("/labels", func(w http.ResponseWriter, r *http.Request) {
		RefreshLabels(r.Context())
	})
}
