// Package echoroute applies echo's BodyLimit to one route only. // want package:"wants a body limit"
package echoroute

import (
	"io"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

func raw(c echo.Context) error {
	_, err := io.ReadAll(c.Request().Body) // want `io.ReadAll\(c.Request\(\).Body\) reads the whole request body into memory with no size limit`
	return err
}

func upload(c echo.Context) error {
	_, err := io.ReadAll(c.Request().Body)
	return err
}

func Register(e *echo.Echo) {
	e.POST("/raw", raw)
	e.POST("/upload", upload, middleware.BodyLimit("50M"))
}
