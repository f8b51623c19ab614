// Package admin is mounted under a setting whose name says debug
// and negates it.
package admin

import "net/http"

func Debug(w http.ResponseWriter, r *http.Request) {}
