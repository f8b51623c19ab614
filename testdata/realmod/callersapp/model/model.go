// Package model has loops whose findings depend on their callers, in
// other packages: who fills the list a loop walks, and whether only
// maintenance code calls it.
package model

import (
	"context"
	"database/sql"

	"realmod/callersapp/codes"
)

var DB *sql.DB

// CheckAssignees checks each assignee of a new issue; every caller hands
// it what the client sent: the handful a user selected.
func CheckAssignees(ctx context.Context, ids []int64) {
	for _, id := range ids {
		var n int
		DB.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE id = $1", id).Scan(&n) // want `^DB.QueryRowContext in a loop runs one query per item of ids, which the request names`
	}
}

// CheckUsers does the same, but one caller hands it every user of a
// table: a query per row.
func CheckUsers(ctx context.Context, ids []int64) {
	for _, id := range ids {
		var n int
		DB.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE id = $1", id).Scan(&n) // want `^DB.QueryRowContext in a loop runs one query per iteration`
	}
}

func repoIDs(ctx context.Context) []int64 {
	var ids []int64
	rows, _ := DB.QueryContext(ctx, "SELECT id FROM repos")
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids
}

// RecountRepos fixes each repository's counters: only a timer's task
// calls it, where a statement per repository is the norm.
func RecountRepos(ctx context.Context) {
	for _, id := range repoIDs(ctx) {
		DB.ExecContext(ctx, "UPDATE repos SET num_stars = (SELECT count(*) FROM stars WHERE repo_id = $1) WHERE id = $1", id)
	}
}

// RecountForks does the same for forks, but a handler calls it too.
func RecountForks(ctx context.Context) {
	for _, id := range repoIDs(ctx) {
		DB.ExecContext(ctx, "UPDATE repos SET num_forks = (SELECT count(*) FROM repos WHERE fork_id = $1) WHERE id = $1", id) // want `^DB.ExecContext in a loop runs one query per iteration`
	}
}

// StoreCodes inserts a user's backup codes: every caller hands it the
// four codes.Generate makes, a loop of four.
func StoreCodes(ctx context.Context, user int64, list []string) {
	for _, c := range list {
		DB.ExecContext(ctx, "INSERT INTO backup_codes (user_id, code) VALUES ($1, $2)", user, c)
	}
}

// StoreMany does the same, but its caller hands it as many codes as it
// likes.
func StoreMany(ctx context.Context, user int64, list []string) {
	for _, c := range list {
		DB.ExecContext(ctx, "INSERT INTO backup_codes (user_id, code) VALUES ($1, $2)", user, c) // want `^DB.ExecContext in a loop runs one query per iteration`
	}
}

// Rotate walks what codes.Generate returns itself: four.
func Rotate(ctx context.Context, user int64) {
	list, _ := codes.Generate()
	for _, c := range list {
		DB.ExecContext(ctx, "UPDATE backup_codes SET code = $1 WHERE user_id = $2", c, user)
	}
}
