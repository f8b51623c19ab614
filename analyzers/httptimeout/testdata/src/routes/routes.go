// Package routes registers the API on http.DefaultServeMux. // want package:"registers routes on http.DefaultServeMux"
package routes

import "net/http"

func init() {
	http.Handle("/api", http.HandlerFunc(api))
}

func api(w http.ResponseWriter, r *http.Request) {}
