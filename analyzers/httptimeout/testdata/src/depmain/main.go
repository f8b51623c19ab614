// Command depmain imports pprof, and a package that registers the API // want package:"serves http.DefaultServeMux, a command" package:"imports routes"
// on http.DefaultServeMux: serving it serves the API.
package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"

	_ "routes"
)

func main() {
	log.Fatal(http.ListenAndServe(":8080", nil)) // want `http.ListenAndServe serves with a server that has no timeouts`
}
