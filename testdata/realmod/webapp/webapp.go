// Package webapp uses the real web frameworks crisislint knows, so the // want package:"wants a body limit"
// tests see that readallbody matches their APIs as they are.
package webapp

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

func ginRaw(c *gin.Context) {
	data, _ := c.GetRawData() // want `c.GetRawData\(\) reads the whole request body`
	c.JSON(http.StatusOK, data)
}

func ginBody(c *gin.Context) {
	var v map[string]any
	json.NewDecoder(c.Request.Body).Decode(&v) // want `json.NewDecoder\(c.Request.Body\) decodes the request body`
	c.JSON(http.StatusOK, v)
}

func echoBody(c echo.Context) error {
	data, err := io.ReadAll(c.Request().Body) // want `io.ReadAll\(c.Request\(\).Body\) reads the whole request body`
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, len(data))
}

// limited bounds its body: the package limits bodies handler by handler,
// so each unbounded read above is a finding of its own, checked against
// its framework's API.
func limited(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	io.ReadAll(r.Body)
}

func routes() {
	r := gin.New()
	r.POST("/raw", ginRaw)
	r.POST("/body", ginBody)
	e := echo.New()
	e.POST("/body", echoBody)
	_ = middleware.BodyLimit
}
