// Package queued sends from the handlers a push queue calls (Cloud Tasks,
// App Engine task queues and cron, SNS HTTP subscriptions, QStash): the
// queue holds the job and retries it, no user waits. Beside them, the
// handlers users call, which still send while the user waits.
package queued

import (
	"bytes"
	"io"
	"net/http"
	"net/smtp"

	"github.com/gin-gonic/gin"
	"github.com/sendgrid/sendgrid-go"
	"github.com/upstash/qstash-go"
)

var sg = sendgrid.NewSendClient("key")

func send(to string) error {
	return smtp.SendMail("mail:25", nil, "hello@example.com", []string{to}, []byte("hi"))
}

// --- reported: a user waits ---

func signup(w http.ResponseWriter, r *http.Request) {
	sg.Send(r.FormValue("email")) // want `sg.Send sends through SendGrid while the request waits`
}

// Another header is no queue's.
func traced(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-Request-Id") == "" {
		http.Error(w, "no id", http.StatusBadRequest)
		return
	}
	send(r.FormValue("email")) // want `^warning: send sends through SMTP while the request waits \(send → smtp.SendMail\): .* \(and 3 more calls reaching queued.send in this package\)$`
}

// The handler publishes to QStash, and sends too: Upstash-Retries is what
// a publisher sets, and setting a header is not reading a delivery's.
func invite(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest(http.MethodPost, "https://qstash.upstash.io/v2/publish/https://example.com/tasks/invite", bytes.NewReader(nil))
	req.Header.Set("Upstash-Retries", "3")
	req.Header.Set("X-CloudTasks-QueueName", "invites")
	http.DefaultClient.Do(req)
	send(r.FormValue("email")) // related to traced's: one helper, one cause
}

// logRequest logs every request's task name, queue's or not: calling it
// decides nothing.
func logRequest(r *http.Request) {
	println(r.URL.Path, r.Header.Get("X-CloudTasks-TaskName"))
}

func contact(w http.ResponseWriter, r *http.Request) {
	logRequest(r)
	send(r.FormValue("email")) // related to traced's: one helper, one cause
}

// logging wraps every route and logs the task name: it turns no one away.
func logging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logRequest(r)
		next.ServeHTTP(w, r)
	})
}

func feedback(w http.ResponseWriter, r *http.Request) {
	send(r.FormValue("email")) // related to traced's: one helper, one cause
}

func ginSignup(c *gin.Context) {
	if c.GetHeader("Authorization") == "" {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	sg.Send(c.Query("email")) // want `sg.Send sends through SendGrid while the request waits`
}

// --- not reported: the queue's targets ---

// Cloud Tasks: only the queue sets the header.
func welcomeTask(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-CloudTasks-QueueName") == "" {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	if _, err := sg.Send(r.FormValue("email")); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError) // the queue retries
	}
}

const taskHeader = "x-appengine-taskname"

// App Engine: the map read, and a constant in another case.
func digestTask(w http.ResponseWriter, r *http.Request) {
	if _, ok := r.Header["X-Appengine-Queuename"]; !ok {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	println("task", r.Header.Get(taskHeader))
	send(r.FormValue("email"))
}

// SNS: the subscription's notification.
func snsAlarm(w http.ResponseWriter, r *http.Request) {
	switch r.Header.Get("x-amz-sns-message-type") {
	case "SubscriptionConfirmation":
		// confirm
	case "Notification":
		send("oncall@example.com")
	}
}

var receiver = qstash.NewReceiver("current", "next")

// QStash: the delivery's signature, verified.
func receiptTask(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if err := receiver.Verify(qstash.VerifyOptions{Signature: r.Header.Get("Upstash-Signature"), Body: string(body)}); err != nil {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	sg.Send(string(body))
}

// fromCron is a helper the handler decides on.
func fromCron(r *http.Request) bool {
	return r.Header.Get("X-Appengine-Cron") == "true"
}

func reminderCron(w http.ResponseWriter, r *http.Request) {
	if !fromCron(r) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	send("team@example.com")
}

// queueOnly turns away what is not Cloud Tasks'.
func queueOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if name := r.Header.Get("X-CloudTasks-TaskName"); name == "" {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func exportTask(w http.ResponseWriter, r *http.Request) {
	send(r.FormValue("email"))
}

type tasks struct{}

func (tasks) resetTask(w http.ResponseWriter, r *http.Request) {
	sg.Send(r.FormValue("email"))
}

// ginQueueOnly is gin's: a handler of the chain before the route's.
func ginQueueOnly() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.GetHeader("X-CloudTasks-QueueName") == "" {
			c.AbortWithStatus(http.StatusForbidden)
			return
		}
		c.Next()
	}
}

func ginTask(c *gin.Context) {
	sg.Send(c.Query("email"))
}

func routes(mux *http.ServeMux, e *gin.Engine, t tasks) {
	mux.HandleFunc("/signup", signup)
	mux.Handle("/feedback", logging(http.HandlerFunc(feedback)))
	mux.Handle("/tasks/export", logging(queueOnly(http.HandlerFunc(exportTask))))
	mux.Handle("/tasks/reset", queueOnly(http.HandlerFunc(t.resetTask)))
	e.POST("/tasks/gin", ginQueueOnly(), ginTask)
	mux.HandleFunc("/tasks/literal", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upstash-Message-Id") == "" {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		sg.Send(r.FormValue("email"))
	})
	mux.Handle("/tasks/wrapped", queueOnly(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sg.Send(r.FormValue("email"))
	})))
	mux.Handle("/literal", logging(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sg.Send(r.FormValue("email")) // want `sg.Send sends through SendGrid while the request waits`
	})))
	e.POST("/signup", ginSignup)
}
