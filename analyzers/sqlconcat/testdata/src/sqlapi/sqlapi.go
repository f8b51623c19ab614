// Package sqlapi calls a repository through interfaces, its own and the // want package:"sql dialect: [$]N"
// repository's: the implementations' facts say what the calls do.
package sqlapi

import (
	"context"
	"net/http"

	"sqlrepo"
)

// sorter is declared here, implemented by *sqlrepo.Repo.
type sorter interface {
	Sorted(ctx context.Context, column string)
}

// greeter is implemented by nothing that sends SQL.
type greeter interface {
	Sorted(ctx context.Context, column string, loud bool)
}

type API struct {
	orders sqlrepo.Orders
	sort   sorter
	greet  greeter
}

func (a *API) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	a.orders.Sorted(r.Context(), q.Get("sort"))               // want `a.orders.Sorted \(which passes it to p.db.QueryContext\) runs SQL built from user input q.Get\("sort"\) as a table or column name`
	a.sort.Sorted(r.Context(), q.Get("sort"))                 // want `a.sort.Sorted \(which passes it to p.db.QueryContext\) runs SQL built from user input`
	a.orders.Filter(r.Context(), "status = '"+q.Get("s")+"'") // want `a.orders.Filter \(which passes it to p.db.QueryContext\) runs SQL built from user input q.Get\("s"\)`
	a.orders.Sorted(r.Context(), "created_at")
	a.greet.Sorted(r.Context(), q.Get("sort"), true)
}
