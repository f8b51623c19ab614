package sendapp

import (
	"log"
	"net/http"
	"time"

	"gopkg.in/gomail.v2"
)

var dialer = gomail.NewDialer("smtp.example.com", 587, "user", "pass")

// gomail's other send: dial, then Send on the connection.
func Contact(w http.ResponseWriter, r *http.Request) {
	m := gomail.NewMessage()
	m.SetHeader("To", "owner@example.com")
	m.SetBody("text/plain", r.FormValue("message"))
	s, err := dialer.Dial()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer s.Close()
	if err := gomail.Send(s, m); err != nil { // want `gomail.Send sends through SMTP while the request waits`
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// The connection's own Send.
func Raw(w http.ResponseWriter, r *http.Request) {
	s, err := dialer.Dial()
	if err != nil {
		return
	}
	defer s.Close()
	s.Send("site@example.com", []string{"owner@example.com"}, gomail.NewMessage()) // want `s.Send sends through SMTP while the request waits`
}

var mailCh = make(chan *gomail.Message, 100)

// OK: gomail's daemon: one goroutine owns the connection, and the handler
// only queues the message.
func StartMailer(d *gomail.Dialer) {
	go func() {
		var s gomail.SendCloser
		var err error
		open := false
		for {
			select {
			case m, ok := <-mailCh:
				if !ok {
					return
				}
				if !open {
					if s, err = d.Dial(); err != nil {
						log.Print(err)
						continue
					}
					open = true
				}
				if err := gomail.Send(s, m); err != nil {
					log.Print(err)
				}
			case <-time.After(30 * time.Second):
				if open {
					s.Close()
					open = false
				}
			}
		}
	}()
}

func Queued(w http.ResponseWriter, r *http.Request) {
	m := gomail.NewMessage()
	m.SetBody("text/plain", r.FormValue("message"))
	mailCh <- m
	w.WriteHeader(http.StatusAccepted)
}
