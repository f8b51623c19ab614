// Command api serves the router of package server, which applies chi's
// middleware.Timeout, and the gateway's, which it wraps in
// http.TimeoutHandler itself.
package main

import (
	"log"
	"net/http"
	"time"

	"realmod/deadlinesvc/gateway"
	"realmod/deadlinesvc/server"
)

func main() {
	mux := http.NewServeMux()
	mux.Handle("/", server.Router())
	mux.Handle("/upstream/", http.TimeoutHandler(gateway.Router(), 20*time.Second, "upstream timed out"))
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
