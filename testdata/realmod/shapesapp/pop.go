package shapesapp

import (
	"encoding/json"
	"net/http"

	"github.com/gobuffalo/buffalo"
	"github.com/gobuffalo/pop/v6"
	"github.com/julienschmidt/httprouter"

	psql "realmod/ormapp/persistence/sql"
)

// Handlers that query through pop under the request's context: pop's
// queries take the context of the connection they run on, and these
// connections have the request's. Nothing here may be reported: not the
// eager-loading path pop takes only for Eager() queries, and not the
// retry sleep of pop's SQLite dialect.

// UsersList is a buffalo action.
func UsersList(c buffalo.Context) error {
	tx := c.Value("tx").(*pop.Connection)
	var users []struct{ ID int }
	if err := tx.WithContext(c).Where("active = ?", true).All(&users); err != nil {
		return err
	}
	return c.Render(http.StatusOK, nil)
}

// SessionHandler serves sessions with httprouter, through a persister on
// pop, as ory's services do.
type SessionHandler struct{ p *psql.Persister }

func (h *SessionHandler) whoami(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	i, err := h.p.GetIdentity(r.Context(), ps.ByName("id"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(i)
}

func (h *SessionHandler) RegisterRoutes(router *httprouter.Router) {
	router.GET("/sessions/whoami/:id", h.whoami)
}

// seen marks an error seen in a transaction, as kratos does: the
// connection pop hands the transaction's function carries its context.
func (h *SessionHandler) seen(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	c := r.Context().Value("conn").(*pop.Connection)
	err := c.WithContext(r.Context()).Transaction(func(tx *pop.Connection) error {
		var e struct{ ID string }
		if err := tx.Where("id = ?", ps.ByName("id")).First(&e); err != nil {
			return err
		}
		return tx.RawQuery("UPDATE errors SET seen = true WHERE id = ?", e.ID).Exec()
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
