// Package repository passes sort options from its callers into gorm's // want package:"uses sql"
// Order, as the ORDER BY injection of Scriberr (issue 468) did: the
// callers are checked, in their own packages.
package repository

import "gorm.io/gorm"

type Job struct{ ID int }

type Repo struct{ db *gorm.DB }

func (r *Repo) List(sortBy, sortOrder string, limit int) ([]Job, error) { // want List:`sql sink: parameter 0, names \[1\] to r.db.Order`
	var jobs []Job
	err := r.db.Order(sortBy + " " + sortOrder).Limit(limit).Find(&jobs).Error
	return jobs, err
}
