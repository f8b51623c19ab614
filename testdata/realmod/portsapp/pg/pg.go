// Package pg is the adapter: constructors return concrete types ("accept
// interfaces, return structs"), and nothing here names domain's ports.
package pg

import (
	"database/sql"
	"net/smtp"

	"realmod/portsapp/domain"
)

type UserRepo struct{ DB *sql.DB }

func NewUserRepo(db *sql.DB) *UserRepo { return &UserRepo{DB: db} }

func (r *UserRepo) ByID(id int64) (domain.User, error) {
	var u domain.User
	err := r.DB.QueryRow("SELECT id FROM users WHERE id = $1", id).Scan(&u.ID)
	return u, err
}

type SMTP struct{ Addr string }

func (m *SMTP) Send(to, body string) error {
	return smtp.SendMail(m.Addr, nil, "noreply@example.com", []string{to}, []byte(body))
}
