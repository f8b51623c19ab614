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

type Step struct {
	ID     int
	Status string
}

// saveSteps writes each step of a task with its own status, as gitea's
// runner reports do: each row gets values of its own, which one UPDATE
// does not set.
func saveSteps(db *gorm.DB, steps []Step, columns []*Step) {
	for _, step := range steps {
		db.Save(&step)
	}
	for i := range columns {
		db.Updates(columns[i])
	}
}

// closeAll sets the same value on each order: one UPDATE with IN would do.
func closeAll(db *gorm.DB, orders []Order) {
	for _, o := range orders {
		db.Where("id = ?", o.ID).Updates(map[string]any{"closed": true}) // want `^warning: db.Where\("id = \?", o.ID\).Updates in a loop runs one query per iteration`
	}
}

// insertAll inserts each order: Create with a slice would do.
func insertAll(db *gorm.DB, orders []Order) {
	for _, o := range orders {
		db.Create(&o) // want `^warning: db.Create in a loop runs one query per iteration`
	}
}

type Comment struct {
	ID       int
	Body     string
	Reaction []Reaction
}

type Reaction struct {
	ID, CommentID int
}

// copyComments inserts each comment before its reactions, which need
// the comment's ID: a multi-row insert does not hand back every row's
// ID on every database, so batching is no remedy.
func copyComments(db *gorm.DB, comments []*Comment) {
	for _, c := range comments {
		db.Create(c)
		reactions := make([]Reaction, len(c.Reaction))
		for i, r := range c.Reaction {
			r.CommentID = c.ID
			reactions[i] = r
		}
		db.Create(&reactions)
	}
}

// importComments never reads the new IDs: one Create with the slice
// would do.
func importComments(db *gorm.DB, comments []*Comment) {
	for _, c := range comments {
		db.Create(c) // want `db.Create in a loop runs one query per iteration`
	}
}

type Post struct {
	ID, AuthorID int
	Author       User
}

// The five latest posts, each with its author: five queries at most,
// however many posts the table holds.
func latest(db *gorm.DB) []Post { // want latest:"returns a few items"
	var posts []Post
	db.Order("id DESC").Limit(5).Find(&posts)
	for i := range posts {
		db.First(&posts[i].Author, posts[i].AuthorID)
	}
	return posts
}

// A page of the size the client asks for, a cap lifted by Limit(-1), a
// cap set on a builder kept in a variable, pages fetched in a loop: the
// loop walks as many rows as the data or the client decide.
func pages(db *gorm.DB, size int) {
	var posts []Post
	db.Limit(size).Find(&posts)
	for i := range posts {
		db.First(&posts[i].Author, posts[i].AuthorID) // want `db.First in a loop runs one query per iteration`
	}
	var all []Post
	db.Limit(5).Limit(-1).Find(&all)
	for i := range all {
		db.First(&all[i].Author, all[i].AuthorID) // want `db.First in a loop runs one query per iteration`
	}
	var kept []Post
	q := db.Limit(5)
	q.Find(&kept)
	for i := range kept {
		db.First(&kept[i].Author, kept[i].AuthorID) // want `db.First in a loop runs one query per iteration`
	}
	for offset := 0; ; offset += 5 {
		var page []Post
		db.Where("id > ?", offset).Limit(5).Find(&page)
		if len(page) == 0 {
			return
		}
		for i := range page {
			db.First(&page[i].Author, page[i].AuthorID) // want `db.First in a loop runs one query per iteration`
		}
	}
}
