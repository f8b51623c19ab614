// Package router serves handlers that read the body themselves, one
// through the reusable-body helper: no middleware does.
package router

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"realmod/reusenomw/common"
	"realmod/reusenomw/service"
)

func create(c *gin.Context) {
	var v map[string]any
	if err := common.UnmarshalBodyReusable(c, &v); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
	}
}

func importData(c *gin.Context) {
	resp, err := service.DoUpstream(c, "https://upstream.example/v1/import")
	if err != nil {
		c.AbortWithStatus(http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}

func Set(r *gin.Engine) {
	r.POST("/items", create)
	r.POST("/import", importData)
}
