// Package ginapp exercises readallbody on gin handlers. // want package:"wants a body limit"
package ginapp

import (
	"encoding/json"
	"io"

	"github.com/gin-gonic/gin"
)

func raw(c *gin.Context) {
	data, _ := c.GetRawData() // want `c.GetRawData\(\) reads the whole request body into memory with no size limit: .*c.Request.Body = http.MaxBytesReader\(c.Writer, c.Request.Body, maxBodyBytes\)`
	c.JSON(200, data)
}

func body(c *gin.Context) {
	io.ReadAll(c.Request.Body) // want `io.ReadAll\(c.Request.Body\) reads the whole request body`
}

// bind takes the request's context: it is on the request path itself, and
// its read is reported in it, once, not at every handler that calls it.
func bind(c *gin.Context, v any) error {
	return json.NewDecoder(c.Request.Body).Decode(v) // want `json.NewDecoder\(c.Request.Body\) decodes the request body with no size limit`
}

func create(c *gin.Context) {
	var v map[string]any
	bind(c, &v)
}

func avatar(c *gin.Context) {
	fh, err := c.FormFile("avatar")
	if err != nil {
		return
	}
	f, _ := fh.Open()
	io.ReadAll(f) // want `io.ReadAll\(f\) reads the uploaded file whole`
}
