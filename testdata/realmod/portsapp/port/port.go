// Package port's handlers depend on domain's ports only; the adapter that
// implements them is known from the whole program.
package port

import (
	"encoding/json"
	"net/http"

	"realmod/portsapp/domain"
)

type Handler struct {
	Users domain.UserRepo
}

func (h *Handler) Get(w http.ResponseWriter, r *http.Request) {
	u, _ := h.Users.ByID(1) // want `h.Users.ByID does I/O that cannot be cancelled \(h.Users.ByID → \(\*pg.UserRepo\).ByID → \(\*sql.DB\).QueryRow\)`
	json.NewEncoder(w).Encode(u)
}
