// Package middleware picks the upstream channel from the model the
// request names: it reads every body it passes on, through
// common.UnmarshalBodyReusable.
package middleware

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"realmod/reuseapp/common"
)

type modelRequest struct {
	Model string `json:"model"`
}

func getModelRequest(c *gin.Context) (string, error) {
	var m modelRequest
	if err := common.UnmarshalBodyReusable(c, &m); err != nil {
		return "", err
	}
	return m.Model, nil
}

func Distribute() func(c *gin.Context) {
	return func(c *gin.Context) {
		model, err := getModelRequest(c)
		if err != nil {
			c.AbortWithStatus(http.StatusBadRequest)
			return
		}
		c.Set("model", model)
		c.Next()
	}
}
