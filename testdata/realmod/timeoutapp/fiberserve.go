package timeoutapp

import (
	"log"
	"time"

	fiber "github.com/gofiber/fiber/v2"
	fiber3 "github.com/gofiber/fiber/v3"
	"github.com/valyala/fasthttp"
)

// fiber (v2 and v3) and fasthttp set no read deadline unless ReadTimeout
// is set: IdleTimeout bounds only the wait between kept-alive requests.
func fiberDefault() {
	app := fiber.New() // want `^fiber.New\(\) configures no ReadTimeout, and app.Listen serves it: fiber then sets no read deadline`
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
	log.Fatal(app.Listen(":3000"))
}

func fiberIdleOnly() {
	app := fiber.New(fiber.Config{IdleTimeout: time.Minute, WriteTimeout: 10 * time.Second}) // want `^fiber.Config without ReadTimeout, and app.Listen serves it`
	log.Fatal(app.Listen(":3000"))
}

func fiber3Default() {
	app := fiber3.New(fiber3.Config{AppName: "api"}) // want `^fiber.Config without ReadTimeout, and app.Listen serves it`
	app.Get("/", func(c fiber3.Ctx) error { return c.SendString("ok") })
	log.Fatal(app.Listen(":3000", fiber3.ListenConfig{DisableStartupMessage: true}))
}

func fasthttpBare() {
	log.Fatal(fasthttp.ListenAndServe(":8080", func(ctx *fasthttp.RequestCtx) {})) // want `^fasthttp.ListenAndServe serves with a fasthttp.Server of no ReadTimeout`
}

func fasthttpServer() {
	srv := &fasthttp.Server{Handler: func(ctx *fasthttp.RequestCtx) {}, IdleTimeout: time.Minute} // want `^fasthttp.Server without ReadTimeout, and srv.ListenAndServe serves it`
	log.Fatal(srv.ListenAndServe(":8080"))
}

// OK: ReadTimeout set, on the config or on the app's fasthttp server.
func fiberTimed() {
	app := fiber.New(fiber.Config{ReadTimeout: 10 * time.Second})
	log.Fatal(app.Listen(":3000"))
}

func fiber3Timed() {
	app := fiber3.New(fiber3.Config{ReadTimeout: 10 * time.Second})
	log.Fatal(app.Listen(":3000"))
}

func fiberServerTimed() {
	app := fiber.New()
	app.Server().ReadTimeout = 10 * time.Second
	log.Fatal(app.Listen(":3000"))
}

func fasthttpTimed() {
	srv := &fasthttp.Server{Handler: func(ctx *fasthttp.RequestCtx) {}, ReadTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe(":8080"))
}

// OK: an app never served here.
func fiberRoutes() *fiber.App {
	app := fiber.New()
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
	return app
}
