// Package echolimited uses echo's BodyLimit middleware. // want package:"applies a body limit"
package echolimited

import (
	"io"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

func upload(c echo.Context) error {
	io.ReadAll(c.Request().Body)
	return nil
}

func Start() {
	e := echo.New()
	e.Use(middleware.BodyLimit("2M"))
	e.POST("/upload", upload)
}
