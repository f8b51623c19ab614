// Package ginapp exercises readallbody on gin handlers. // want package:"wants a body limit"
package ginapp

import (
	"encoding/json"
	"io"

	"github.com/gin-gonic/gin"
)

func raw(c *gin.Context) {
	data, _ := c.GetRawData() // want `^error: c.GetRawData\(\) reads the whole request body into memory with no size limit, and no handler of this package limits a request body: .*c.Request.Body = http.MaxBytesReader\(c.Writer, c.Request.Body, maxBodyBytes\) \(and 2 more reads of a request body in this package\)$`
	c.JSON(200, data)
}

func body(c *gin.Context) {
	io.ReadAll(c.Request.Body) // related to the package's finding, and fixed with it
}

// bind takes the request's context: it is on the request path itself, and
// its read is reported in it, once, not at every handler that calls it.
func bind(c *gin.Context, v any) error {
	return json.NewDecoder(c.Request.Body).Decode(v) // related to the package's finding, and fixed with it
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
	io.ReadAll(f) // want `^error: io.ReadAll\(f\) reads the uploaded file whole`
}
