// Package notify sends emails; its importers learn it through facts.
package notify

import (
	"net/smtp"

	"github.com/sendgrid/sendgrid-go"
)

type Notifier struct{ sg *sendgrid.Client }

func (n *Notifier) Welcome(to string) error {
	return smtp.SendMail("mail:25", nil, "hello@example.com", []string{to}, []byte("welcome"))
}

func (n *Notifier) Receipt(to string) error {
	_, err := n.sg.Send(to)
	return err
}
