// Package gormuse exercises gorm's SQL-taking methods: "?" placeholders.
package gormuse

import (
	"fmt"
	"net/http"

	"gorm.io/gorm"
)

type User struct{ Name string }

func where(db *gorm.DB, name string) {
	var u User
	db.Where("name = '" + name + "'").First(&u) // want `db.Where runs SQL built from parameter name: .* with a \? placeholder`
}

func raw(db *gorm.DB, email string) {
	var u User
	db.Raw(fmt.Sprintf("SELECT * FROM users WHERE email = '%s'", email)).Scan(&u) // want `db.Raw runs SQL built from parameter email`
}

func order(db *gorm.DB, r *http.Request) {
	var us []User
	sort := r.FormValue("sort")
	db.Order(sort + " DESC").Find(&us)         // want `^error: db.Order runs SQL built from user input r.FormValue\("sort"\) as a table or column name`
	orderBy(db, r.FormValue("sort")).Find(&us) // want `orderBy \(which passes it to db.Order\) runs SQL built from user input`
	orderBy(db, "name").Find(&us)
}

func group(db *gorm.DB, r *http.Request) {
	var us []User
	db.Group("department, " + r.FormValue("by")).Find(&us) // want `db.Group runs SQL built from user input r.FormValue\("by"\) as a table or column name`
}

func others(db *gorm.DB, r *http.Request) {
	var us []User
	q := r.URL.Query()
	db.Where("active").Or("name = '" + q.Get("name") + "'").Find(&us)        // want `db.Where\("active"\).Or runs SQL built from user input q.Get\("name"\)`
	db.Not("email = '" + q.Get("email") + "'").Find(&us)                     // want `db.Not runs SQL built from user input`
	db.Group("team").Having("count(*) > " + q.Get("min")).Find(&us)          // want `db.Group\("team"\).Having runs SQL built from user input`
	db.Joins("JOIN teams ON teams.name = '" + q.Get("team") + "'").Find(&us) // want `db.Joins runs SQL built from user input`
	db.Select("name, " + q.Get("col")).Find(&us)                             // want `db.Select runs SQL built from user input q.Get\("col"\) as a table or column name`
	db.Exec("DELETE FROM users WHERE name = '" + q.Get("name") + "'")        // want `db.Exec runs SQL built from user input`
}

// Inline conditions: a string first condition that is not a number is SQL
// (gorm.io/docs/security.html, go-gorm/gorm#2517).
func inline(db *gorm.DB, r *http.Request) {
	var u User
	var us []User
	var names []string
	q := r.URL.Query()
	db.First(&u, q.Get("id"))                            // want `^error: db.First runs SQL built from user input q.Get\("id"\) as a condition: .*write the condition in the program, with placeholders`
	db.Take(&u, fmt.Sprintf("name = %v", q.Get("name"))) // want `db.Take runs SQL built from user input q.Get\("name"\): .* with a \? placeholder`
	db.Find(&us, "name <> '"+q.Get("name")+"'")          // want `db.Find runs SQL built from user input q.Get\("name"\)`
	db.Delete(&User{}, "name = '"+q.Get("name")+"'")     // want `db.Delete runs SQL built from user input q.Get\("name"\)`
	db.Distinct(q.Get("col")).Find(&us)                  // want `db.Distinct runs SQL built from user input q.Get\("col"\) as a table or column name`
	db.Model(&User{}).Pluck(q.Get("col"), &names)        // want `Pluck runs SQL built from user input q.Get\("col"\) as a table or column name`
	db.Table(q.Get("t")).Find(&us)                       // want `db.Table runs SQL built from user input q.Get\("t"\) as a table or column name`
	db.Where(q.Get("filter")).Find(&us)                  // want `db.Where runs SQL built from user input q.Get\("filter"\) as a condition`
	db.Where("active AND " + q.Get("filter")).Find(&us)  // want `db.Where runs SQL built from user input q.Get\("filter"\) as a condition`
	db.Last(&u, "name = ?", q.Get("name"))
	db.First(&u, 42)
	db.Find(&us, []int{1, 2})
	db.Distinct("name").Find(&us)
	db.Model(&User{}).Pluck("name", &names)
	db.Table("users").Find(&us)
}

func fine(db *gorm.DB, name string) {
	var us []User
	db.Where("name = ?", name).Find(&us)
	db.Where(map[string]any{"name": name}).Find(&us)
	db.Where(&User{Name: name}).Find(&us)
	db.Order("created_at DESC").Find(&us)
}

// orderBy passes its parameter on: a wrapper, checked where it is called.
func orderBy(db *gorm.DB, clause string) *gorm.DB {
	return db.Order(clause)
}
