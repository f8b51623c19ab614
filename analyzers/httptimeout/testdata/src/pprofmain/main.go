// Command pprofmain serves pprof, on http.DefaultServeMux, when the // want package:"serves http.DefaultServeMux, a command"
// operator asks for it (new-api's ENABLE_PPROF), beside its API.
package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"time"
)

func main() {
	if os.Getenv("ENABLE_PPROF") == "true" {
		go func() {
			log.Println(http.ListenAndServe("0.0.0.0:8005", nil)) // OK: only pprof is on DefaultServeMux
		}()
		go func() {
			srv := &http.Server{Addr: "0.0.0.0:8006"} // OK: DefaultServeMux, as above
			log.Println(srv.ListenAndServe())
		}()
	}
	api := http.NewServeMux()
	api.HandleFunc("/api", func(w http.ResponseWriter, r *http.Request) {})
	srv := &http.Server{Addr: ":8080", Handler: api, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
