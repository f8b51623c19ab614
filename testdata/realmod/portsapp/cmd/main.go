package main

import (
	"database/sql"
	"net/http"
	"time"

	"realmod/portsapp/api"
	"realmod/portsapp/mem"
	"realmod/portsapp/pg"
	"realmod/portsapp/port"
)

func main() {
	db, _ := sql.Open("postgres", "")
	repo := pg.NewUserRepo(db)
	h := api.New(repo, &pg.SMTP{Addr: "smtp:25"}, &mem.Names{})
	p := &port.Handler{Users: repo}
	mux := http.NewServeMux()
	mux.HandleFunc("/u", h.Get)
	mux.HandleFunc("/invite", h.Invite)
	mux.HandleFunc("/name", h.Name)
	mux.HandleFunc("/p", p.Get)
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	srv.ListenAndServe()
}
