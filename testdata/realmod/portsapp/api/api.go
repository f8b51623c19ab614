// Package api declares the small interfaces it consumes, implemented by
// the packages it imports.
package api

import (
	"encoding/json"
	"net/http"

	"realmod/portsapp/domain"
	"realmod/portsapp/mem"
	"realmod/portsapp/pg"
)

type userGetter interface {
	ByID(id int64) (domain.User, error)
}

type sender interface {
	Send(to, body string) error
}

type namer interface {
	Name(id int64) string
}

type Handler struct {
	Users  userGetter
	Mailer sender
	Names  namer
}

func New(r *pg.UserRepo, m *pg.SMTP, n *mem.Names) *Handler {
	return &Handler{Users: r, Mailer: m, Names: n}
}

func (h *Handler) Get(w http.ResponseWriter, r *http.Request) {
	u, _ := h.Users.ByID(1) // want `h.Users.ByID does I/O that cannot be cancelled \(h.Users.ByID → \(\*pg.UserRepo\).ByID → \(\*sql.DB\).QueryRow\)`
	json.NewEncoder(w).Encode(u)
}

func (h *Handler) Invite(w http.ResponseWriter, r *http.Request) {
	h.Mailer.Send(r.FormValue("to"), "join")
}

// OK: the implementation in memory does no I/O.
func (h *Handler) Name(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(h.Names.Name(1)))
}
