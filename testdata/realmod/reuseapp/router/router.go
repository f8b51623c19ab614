// Package router puts the Distribute middleware in front of the relay
// routes, and not in front of the account routes.
package router

import (
	"github.com/gin-gonic/gin"

	"realmod/reuseapp/controller"
	"realmod/reuseapp/middleware"
)

func Set(r *gin.Engine) {
	api := r.Group("/api")
	api.POST("/user/reset", controller.ResetPassword)
	v1 := r.Group("/v1")
	v1.Use(middleware.Distribute())
	v1.POST("/audio/transcriptions", func(c *gin.Context) {
		controller.Relay(c)
	})
}
