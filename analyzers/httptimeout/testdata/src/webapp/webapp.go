// Package webapp serves with weblib, whose code serves with no timeouts. // want package:"imports weblib"
package webapp

import (
	"time"

	"weblib"
)

func main() {
	app := weblib.New()
	go app.Listen(":8080")       // want `app.Listen serves with a server that has no timeouts \(app.Listen → http.ListenAndServe\)`
	app.Start(":8081")           // want `app.Start serves with a server that has no timeouts \(app.Start → &http.Server{} without ReadHeaderTimeout\)`
	app.Listen("localhost:6060") // OK: loopback, which no outside client reaches
	srv := app.Server(":8082")   // OK: the timeout is set on what it returns
	srv.ReadHeaderTimeout = 5 * time.Second
	srv.ListenAndServe()
}
