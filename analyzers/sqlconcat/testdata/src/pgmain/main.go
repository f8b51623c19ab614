package main

import (
	"database/sql"

	_ "github.com/lib/pq"

	"pgstore"
)

func main() {
	db, _ := sql.Open("postgres", "")
	_ = db
	_ = pgstore.Store{}
}
