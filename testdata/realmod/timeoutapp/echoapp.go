package timeoutapp

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	echo5 "github.com/labstack/echo/v5"
)

// echo v4's New makes e.Server with new(http.Server), and Start serves it.
func echoStart() {
	e := echo.New()
	e.GET("/", func(c echo.Context) error { return c.String(http.StatusOK, "hello") })
	e.Logger.Fatal(e.Start(":1323")) // want `e.Start serves e.Server, which echo builds with no timeouts: .*set e.Server.ReadHeaderTimeout before serving`
}

func echoStartTLS() {
	e := echo.New()
	e.Logger.Fatal(e.StartTLS(":443", "cert.pem", "key.pem")) // want `e.StartTLS serves e.TLSServer, which echo builds with no timeouts`
}

// OK: the program sets the timeout of the server Start serves.
func echoTimed() {
	e := echo.New()
	e.Server.ReadHeaderTimeout = 5 * time.Second
	e.Logger.Fatal(e.Start(":1323"))
}

// OK: the program replaces the server, or hands it on.
func echoReplaced() {
	e := echo.New()
	e.Server = &http.Server{ReadHeaderTimeout: 5 * time.Second}
	e.Logger.Fatal(e.Start(":1323"))
}

func echoConfigured() {
	e := echo.New()
	configure(e.Server)
	e.Logger.Fatal(e.Start(":1323"))
}

func configure(s *http.Server) { s.ReadTimeout = 10 * time.Second }

// OK: a loopback address no outside client reaches.
func echoLocal() {
	e := echo.New()
	e.Logger.Fatal(e.Start("localhost:6060"))
}

// OK: echo v5 starts its server through a StartConfig, with timeouts.
func echoV5() {
	e := echo5.New()
	_ = e.Start(":1323")
}
