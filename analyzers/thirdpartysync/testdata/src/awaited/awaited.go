// Package awaited sends from goroutines that the handler waits for: the
// request still waits for the provider.
package awaited

import (
	"net/http"
	"net/smtp"
	"sync"
	"time"
)

func invite(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	var err error
	wg.Add(1)
	go func() {
		defer wg.Done()
		err = smtp.SendMail("smtp:25", nil, "a@x", []string{r.FormValue("to")}, []byte("hi")) // want `^warning: smtp.SendMail sends through SMTP while the request waits`
	}()
	wg.Wait()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

func remind(w http.ResponseWriter, r *http.Request) {
	errc := make(chan error, 1)
	go func() {
		errc <- smtp.SendMail("smtp:25", nil, "a@x", []string{r.FormValue("to")}, []byte("hi")) // want `^warning: smtp.SendMail sends through SMTP while the request waits`
	}()
	if err := <-errc; err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

// --- not reported ---

// Not waited for.
func fire(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		smtp.SendMail("smtp:25", nil, "a@x", []string{r.FormValue("to")}, []byte("hi"))
	}()
}

// Waited for at most a second: the select stops waiting on the timer.
func bounded(w http.ResponseWriter, r *http.Request) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		smtp.SendMail("smtp:25", nil, "a@x", []string{r.FormValue("to")}, []byte("hi"))
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
	}
}

// Waited for by another goroutine, not by the handler.
func relayed(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		smtp.SendMail("smtp:25", nil, "a@x", []string{r.FormValue("to")}, []byte("hi"))
	}()
	go func() {
		wg.Wait()
	}()
}
