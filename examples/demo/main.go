// Command demo is a small blog service that commits, on purpose, the
// classic crises crisislint finds. Run crisislint on it:
//
//	go run ./cmd/crisislint ./examples/...
//
// It compiles and would run against PostgreSQL, but it is written to be
// read, not deployed.
package main

import (
	"database/sql"
	"log"
	"net/http"
	"os"
)

func main() {
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	s := &server{store: &store{db: db}}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /users", s.searchUsers)
	mux.HandleFunc("POST /users", s.createUser)
	mux.HandleFunc("POST /users/{id}/avatar", s.uploadAvatar)
	mux.HandleFunc("DELETE /users/{id}", s.deleteUser)
	mux.HandleFunc("GET /posts", s.listPosts)

	log.Fatal(http.ListenAndServe(":8080", mux))
}
