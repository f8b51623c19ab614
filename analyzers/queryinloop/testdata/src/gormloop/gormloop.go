// Package gormloop exercises queryinloop on gorm.
package gormloop

import "gorm.io/gorm"

type User struct{ ID int }
type Order struct {
	ID, UserID int
	User       User
}

func orders(db *gorm.DB, orders []Order) {
	for i := range orders {
		db.First(&orders[i].User, orders[i].UserID) // want `db.First in a loop runs one query per iteration: N items cost N round trips \(N\+1\); load them together \(Where\("id IN \?", ids\), or Preload the association\)`
	}
}

func builders(db *gorm.DB, ids []int) {
	q := db
	for _, id := range ids {
		q = q.Where("id <> ?", id) // builds the query: no round trip
	}
	var us []User
	q.Find(&us)
}
