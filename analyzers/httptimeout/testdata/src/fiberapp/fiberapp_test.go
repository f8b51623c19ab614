package fiberapp

import (
	"log"

	"github.com/gofiber/fiber/v2"
)

// OK: test code.
func serveForTest() { log.Fatal(fiber.New().Listen(":3001")) }
