// Package echoapp exercises readallbody on echo handlers. // want package:"wants a body limit"
package echoapp

import (
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
)

const maxBodyBytes = 4 << 20 // this package's own limit: fixes use it

func upload(c echo.Context) error {
	data, err := io.ReadAll(c.Request().Body) // want `^error: io.ReadAll\(c.Request\(\).Body\) reads the whole request body into memory with no size limit, and no handler of this package limits a request body: .*c.Request\(\).Body = http.MaxBytesReader\(c.Response\(\), c.Request\(\).Body, maxBodyBytes\)`
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, len(data))
}
