// Package blockapp blocks on the request path with the real frameworks.
package blockapp

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"github.com/bytedance/gopkg/util/gopool"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	"github.com/labstack/echo/v4"
	"github.com/panjf2000/ants/v2"
	verify "github.com/twilio/twilio-go/rest/verify/v2"

	"realmod/retryapp/greetpb"
)

var db *sql.DB

var greeter greetpb.GreeterClient

func routes() {
	r := chi.NewRouter()
	r.Get("/slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(time.Second) // want `time.Sleep sleeps while the request waits`
	})
	r.Get("/pooled", func(w http.ResponseWriter, r *http.Request) {
		// Queued for a pool's workers: the handler does not wait.
		gopool.Go(func() { time.Sleep(time.Second) })
		_ = ants.Submit(func() { time.Sleep(time.Second) })
	})
	app := fiber.New()
	app.Get("/users", func(c *fiber.Ctx) error {
		db.Query("SELECT id FROM users") // want `db.Query cannot be cancelled: .*use QueryContext with c.UserContext\(\)`
		return nil
	})
	e := echo.New()
	e.GET("/posts", func(c echo.Context) error {
		db.QueryContext(context.Background(), "SELECT id FROM posts") // want `db.QueryContext runs under context.Background\(\), detached from the request: .*use c.Request\(\).Context\(\)`
		return nil
	})
	r.Get("/hello", func(w http.ResponseWriter, r *http.Request) {
		// A generated gRPC client's call is remote I/O: detached, it is
		// reported; under the request's context it is fine.
		greeter.SayHello(context.Background(), &greetpb.HelloRequest{}) // want `greeter.SayHello does I/O under context.Background\(\) \(greeter.SayHello → .*\(grpc.ClientConnInterface\).Invoke\), detached from the request`
		greeter.SayHello(r.Context(), &greetpb.HelloRequest{})
	})
}

// sendOTP waits on Twilio, whose SDK takes no context: the request it
// builds inside is the SDK's, not this handler's to fix (thirdpartysync
// reports the send).
func sendOTP(v *verify.ApiService) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := &verify.CreateVerificationParams{}
		p.SetTo(r.FormValue("phone"))
		v.CreateVerification("VAxxxx", p)
	}
}
