// Package sync checks every user of the table.
package sync

import (
	"context"

	"realmod/callersapp/model"
)

// Users checks them all.
func Users(ctx context.Context) {
	var ids []int64
	rows, _ := model.DB.QueryContext(ctx, "SELECT id FROM users")
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	model.CheckUsers(ctx, ids)
}
