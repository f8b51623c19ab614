// Command routesmain imports pprof, but serves its API on // want package:"registers routes on http.DefaultServeMux"
// http.DefaultServeMux too.
package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"
)

func main() {
	http.HandleFunc("/api", func(w http.ResponseWriter, r *http.Request) {})
	log.Fatal(http.ListenAndServe(":8080", nil)) // want `http.ListenAndServe serves with a server that has no timeouts`
}
