// Command fibermain serves what fiberlib builds. // want package:"imports fiberlib"
package main

import (
	"log"

	"fiberlib"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

func main() {
	app := fiberlib.NewApp()
	log.Fatal(app.Listen(":3000")) // want `^app.Listen serves a server with no ReadTimeout \(fiberlib.NewApp → fiber.New\(\) configures no ReadTimeout\): fiber then sets no read deadline: .*; set ReadTimeout \(ReadTimeout: 10 \* time.Second; it bounds reading the whole request, body included\) where it is configured$`
}

func withConfig() {
	log.Fatal(fiber.New(fiberlib.Config()).Listen(":3000")) // want `serves a server with no ReadTimeout \(fiberlib.Config → fiber.Config without ReadTimeout\)`
}

func fast(h fasthttp.RequestHandler) {
	log.Fatal(fiberlib.NewServer(h).ListenAndServe(":8080")) // want `serves a server with no ReadTimeout \(fiberlib.NewServer → fasthttp.Server without ReadTimeout\)`
}

func run() {
	log.Fatal(fiberlib.Run(":3000")) // want `^fiberlib.Run serves with a server that has no timeouts \(fiberlib.Run → fiber.New\(\).Listen → fiber.New\(\) configures no ReadTimeout\): .*; serve with a server that sets ReadTimeout instead$`
}

// OK: the configuration sets it; the address is the loopback.
func timedConfig() { log.Fatal(fiber.New(fiberlib.TimedConfig()).Listen(":3000")) }

func local() { log.Fatal(fiberlib.Run("localhost:3000")) }
