// Package growthapp keeps per-request state in package-level collections,
// with the real gin and golang-lru.
package growthapp

import (
	"github.com/gin-gonic/gin"
	lru "github.com/hashicorp/golang-lru/v2"
)

var visitors = map[string]int{}

var recent, _ = lru.New[string, int](1000)

func routes(r *gin.Engine) {
	r.GET("/visit", func(c *gin.Context) {
		visitors[c.ClientIP()]++    // want `the package-level map visitors gets a new entry on every request \(it runs in the HTTP handler literal\)`
		recent.Add(c.ClientIP(), 1) // OK: bounded
	})
}
