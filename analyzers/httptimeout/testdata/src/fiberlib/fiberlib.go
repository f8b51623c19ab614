// Package fiberlib builds fiber apps and fasthttp servers for other
// packages to serve.
package fiberlib

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

func NewApp() *fiber.App { // want NewApp:"returns a server with no read timeout: fiber.New\\(\\) configures no ReadTimeout"
	app := fiber.New()
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
	return app
}

func Config() fiber.Config { return fiber.Config{AppName: "svc"} } // want Config:"returns a server with no read timeout: fiber.Config without ReadTimeout"

func TimedConfig() fiber.Config { return fiber.Config{AppName: "svc", ReadTimeout: 10 * time.Second} }

func NewServer(h fasthttp.RequestHandler) *fasthttp.Server { return &fasthttp.Server{Handler: h} } // want NewServer:"returns a server with no read timeout: fasthttp.Server without ReadTimeout"

func Run(addr string) error { // want Run:"serves with no timeouts: fiber.New\\(\\).Listen → fiber.New\\(\\) configures no ReadTimeout"
	return fiber.New().Listen(addr) // want `^fiber.New\(\) configures no ReadTimeout, and fiber.New\(\).Listen serves it`
}
