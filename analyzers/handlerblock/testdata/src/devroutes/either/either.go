// Package either is mounted in development or when a parameter says so.
package either

import "net/http"

func Page(w http.ResponseWriter, r *http.Request) {}
