// Package litecore keeps its data in SQLite, in the process, as
// pocketbase's core does: many small queries cost what one does
// (https://www.sqlite.org/np1queryprob.html), and a loop of them is no
// N+1.
package litecore

import (
	"context"
	"database/sql"

	_ "modernc.org/sqlite"
)

type App struct{ db *sql.DB }

func (a *App) Name(ctx context.Context, id int) (string, error) {
	var name string
	err := a.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = ?", id).Scan(&name)
	return name, err
}

func (a *App) Names(ctx context.Context, ids []int) ([]string, error) {
	var names []string
	for _, id := range ids {
		var name string
		if err := a.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = ?", id).Scan(&name); err != nil { // OK: SQLite, in the process
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}
