// Package controller serves routes, some behind the Distribute
// middleware and some not: its own reads are reported (ResetPassword's
// route does not pass the middleware).
package controller

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"realmod/reuseapp/relay"
	"realmod/reuseapp/service"
)

func Relay(c *gin.Context) {
	if _, err := relay.AudioHelper(c, relay.Cloudflare()); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	resp, err := service.DoUpstream(c, "https://upstream.example/v1/audio")
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}

type resetRequest struct {
	Email string `json:"email"`
}

func ResetPassword(c *gin.Context) {
	var req resetRequest
	if err := json.NewDecoder(c.Request.Body).Decode(&req); err != nil { // want `json.NewDecoder\(c.Request.Body\) decodes the request body with no size limit`
		c.AbortWithStatus(http.StatusBadRequest)
	}
}
