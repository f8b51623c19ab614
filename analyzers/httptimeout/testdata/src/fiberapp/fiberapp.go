// Package fiberapp serves with fiber (v2, on fasthttp), whose server sets
// no read deadline unless its Config sets ReadTimeout.
package fiberapp

import (
	"log"
	"net"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

func defaultApp() {
	app := fiber.New() // want `^fiber.New\(\) configures no ReadTimeout, and app.Listen serves it: fiber then sets no read deadline: a client that sends its request slowly holds a connection and a goroutine forever \(Slowloris\), until the server runs out of them; give it a fiber.Config that sets ReadTimeout \(ReadTimeout: 10 \* time.Second; it bounds reading the whole request, body included\)$`
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
	log.Fatal(app.Listen(":3000"))
}

// IdleTimeout bounds only the wait between kept-alive requests, not the
// first request's headers.
func idleOnly() {
	app := fiber.New(fiber.Config{ // want `^fiber.Config without ReadTimeout, and app.Listen serves it: .*; set ReadTimeout \(ReadTimeout: 10 \* time.Second`
		WriteTimeout: 10 * time.Second,
		IdleTimeout:  60 * time.Second,
	})
	log.Fatal(app.Listen(":3000"))
}

func zeroRead() {
	app := fiber.New(fiber.Config{ReadTimeout: 0}) // want `^fiber.Config without ReadTimeout`
	log.Fatal(app.Listen(":3000"))
}

func configVar() {
	cfg := fiber.Config{AppName: "api"} // want `^fiber.Config without ReadTimeout, and app.ListenTLS serves it`
	app := fiber.New(cfg)
	log.Fatal(app.ListenTLS(":443", "cert.pem", "key.pem"))
}

func appConfig() fiber.Config {
	return fiber.Config{AppName: "api", BodyLimit: 1 << 20} // want `^fiber.Config without ReadTimeout, and app.Listen serves it`
}

func helperConfig() {
	app := fiber.New(appConfig())
	log.Fatal(app.Listen(":3000"))
}

type server struct{ app *fiber.App }

func newServer() *server {
	return &server{app: fiber.New()} // want `^fiber.New\(\) configures no ReadTimeout, and s.app.Listener serves it`
}

func (s *server) run(ln net.Listener) error { return s.app.Listener(ln) }

func newApp() *fiber.App {
	app := fiber.New() // want `^fiber.New\(\) configures no ReadTimeout, and newApp\(\).Listen serves it`
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
	return app
}

func serveNewApp() { log.Fatal(newApp().Listen(":3000")) }

// Served twice: reported once, at the app.
func servedTwice(tls bool) {
	app := fiber.New() // want `^fiber.New\(\) configures no ReadTimeout`
	if tls {
		log.Fatal(app.ListenTLS(":443", "cert.pem", "key.pem"))
	}
	log.Fatal(app.Listen(":80"))
}

// OK: ReadTimeout set in the literal, after it, or in a helper.
func timed() {
	app := fiber.New(fiber.Config{ReadTimeout: 10 * time.Second, IdleTimeout: time.Minute})
	log.Fatal(app.Listen(":3000"))
}

func timedLater() {
	cfg := fiber.Config{AppName: "api"}
	cfg.ReadTimeout = 5 * time.Second
	app := fiber.New(cfg)
	log.Fatal(app.Listen(":3000"))
}

func timedConfig() fiber.Config { return fiber.Config{ReadTimeout: 10 * time.Second} }

func servedTimedConfig() { log.Fatal(fiber.New(timedConfig()).Listen(":3000")) }

// OK: the configuration is the caller's to set.
func configured(cfg fiber.Config) { log.Fatal(fiber.New(cfg).Listen(":3000")) }

// OK: the program sets the timeout on the fasthttp server the app serves.
func serverTimed() {
	app := fiber.New()
	app.Server().ReadTimeout = 10 * time.Second
	log.Fatal(app.Listen(":3000"))
}

// Shutting the app's server down, or limiting its connections, sets no
// read deadline.
func serverShutdown(stop chan struct{}) {
	app := fiber.New() // want `^fiber.New\(\) configures no ReadTimeout`
	go func() {
		<-stop
		_ = app.Server().Shutdown()
	}()
	log.Fatal(app.Listen(":3000"))
}

// OK: the app's server is configured elsewhere.
func serverHanded() {
	app := fiber.New()
	harden(app.Server())
	log.Fatal(app.Listen(":3000"))
}

func harden(s *fasthttp.Server) { s.ReadTimeout = 10 * time.Second }

// OK: never served here (a test drives it), or served on loopback.
func routes() *fiber.App {
	app := fiber.New(fiber.Config{AppName: "api"})
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
	return app
}

func local() { log.Fatal(fiber.New().Listen("127.0.0.1:3000")) }
