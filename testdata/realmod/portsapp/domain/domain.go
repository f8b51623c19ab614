// Package domain declares the entities and the ports the handlers depend
// on; the adapters implement them without naming them.
package domain

type User struct{ ID int64 }

type UserRepo interface {
	ByID(id int64) (User, error)
}

type Mailer interface {
	Send(to, body string) error
}
