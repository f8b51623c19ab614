// Package cron runs the program's periodic tasks.
package cron

import (
	"context"

	"realmod/callersapp/model"
)

// Run runs the tasks.
func Run(ctx context.Context) {
	model.RecountRepos(ctx)
	model.RecountForks(ctx)
}
