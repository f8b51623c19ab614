// Package signup has handlers that send emails.
package signup

import (
	"net/http"
	"net/smtp"

	"github.com/gin-gonic/gin"

	"notify"
)

type Server struct{ notifier *notify.Notifier }

func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	smtp.SendMail("mail:25", nil, "hello@example.com", []string{r.FormValue("email")}, []byte("hi")) // want `^warning: smtp.SendMail sends through SMTP while the request waits: when SMTP is slow or down, every request here hangs with it; enqueue the message on a durable queue`
	s.notifier.Welcome(r.FormValue("email"))                                                         // want `^warning: s.notifier.Welcome sends through SMTP while the request waits \(s.notifier.Welcome → smtp.SendMail\): .* \(and 1 more call reaching \(\*notify.Notifier\).Welcome in this package\)$`
}

func (s *Server) invite(w http.ResponseWriter, r *http.Request) {
	s.notifier.Welcome(r.FormValue("friend")) // related to register's: one notifier, one cause
}

func (s *Server) checkout(c *gin.Context) {
	s.notifier.Receipt(c.Query("email")) // want `s.notifier.Receipt sends through SendGrid while the request waits \(s.notifier.Receipt → \(\*sendgrid.Client\).Send\)`
}

func (s *Server) confirm(w http.ResponseWriter, r *http.Request) {
	email := r.FormValue("email")
	go s.notifier.Welcome(email) // a goroutine: not on the request path
	go func() {
		s.notifier.Receipt(email)
	}()
	w.WriteHeader(http.StatusAccepted)
}

// sendQueued is a job handler, not an HTTP handler.
func (s *Server) sendQueued(emails <-chan string) {
	for e := range emails {
		s.notifier.Welcome(e)
	}
}

func main() {
	n := &notify.Notifier{}
	n.Welcome("ops@example.com")
}
