package netdial

import (
	"net/http"

	"netprobe"
)

// The dial is the mail server's, inside a send through SMTP: the request
// waits on the send, which thirdpartysync reports at this call, and
// enqueuing the send ends the wait on the dial too. One cause, one
// finding: not here.
func contact(w http.ResponseWriter, r *http.Request) {
	if err := netprobe.SendMail("mail:25", "site@example.com", "owner@example.com", []byte(r.FormValue("message"))); err != nil {
		http.Error(w, "not sent", http.StatusBadGateway)
	}
}

// A sign-in against a mail server is no send: the dial is the handler's
// own wait.
func signIn(w http.ResponseWriter, r *http.Request) {
	if err := netprobe.Login("mail:25", r.FormValue("user"), r.FormValue("password")); err != nil { // want `^error: netprobe.Login connects to another host without the request's context \(netprobe.Login → net.Dial\)`
		http.Error(w, "denied", http.StatusUnauthorized)
	}
}
