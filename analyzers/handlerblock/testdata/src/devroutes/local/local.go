// Package local is mounted under a parameter of the routes' function.
package local

import "net/http"

func Page(w http.ResponseWriter, r *http.Request) {}
