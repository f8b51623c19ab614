// Package common reads every relay request's body whole, once, and
// leaves the request an in-memory copy for the code after it (new-api's
// and one-api's GetRequestBody and UnmarshalBodyReusable): that read is
// the finding.
package common

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/gin-gonic/gin"
)

const KeyRequestBody = "key_request_body"

func GetRequestBody(c *gin.Context) ([]byte, error) {
	if b, ok := c.Get(KeyRequestBody); ok {
		return b.([]byte), nil
	}
	b, err := io.ReadAll(c.Request.Body) // want `io.ReadAll\(c.Request.Body\) reads the whole request body into memory with no size limit`
	if err != nil {
		return nil, err
	}
	_ = c.Request.Body.Close()
	c.Set(KeyRequestBody, b)
	return b, nil
}

func UnmarshalBodyReusable(c *gin.Context, v any) error {
	b, err := GetRequestBody(c)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return err
	}
	c.Request.Body = io.NopCloser(bytes.NewBuffer(b))
	return nil
}
