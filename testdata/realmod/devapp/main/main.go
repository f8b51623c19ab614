package main

import (
	"net/http"

	"realmod/devapp/web"
)

func main() {
	mux := http.NewServeMux()
	web.Routes(mux)
	http.ListenAndServe(":8080", mux)
}
