// Command shapesd starts the service: what main does before it serves is
// not on the request path.
package main

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"time"
)

func main() {
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		panic(err)
	}
	for db.Ping() != nil {
		time.Sleep(time.Second)
	}
	rows, err := db.Query("SELECT name FROM feature_flags")
	if err != nil {
		panic(err)
	}
	rows.Close()
	var cfg map[string]any
	json.NewDecoder(os.Stdin).Decode(&cfg)
	regexp.MustCompile(`^[a-z]+$`)
	http.ListenAndServe(":8080", nil)
}
