// Package api is a handler two calls away from the query.
package api

import (
	"net/http"

	"store"
)

type API struct{ store *store.Store }

func (a *API) user(w http.ResponseWriter, r *http.Request) {
	name, _ := a.store.Name(r.PathValue("id")) // want `^note: a.store.Name does I/O that cannot be cancelled \(a.store.Name → \(\*sql.DB\).QueryRow\)`
	w.Write([]byte(name))
}
