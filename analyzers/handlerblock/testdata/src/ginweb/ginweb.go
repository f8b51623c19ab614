// Package ginweb exercises handlerblock on gin: the request's context is
// c.Request.Context().
package ginweb

import (
	"context"
	"database/sql"

	"github.com/gin-gonic/gin"
)

var db *sql.DB

func list(c *gin.Context) {
	db.Query("SELECT id FROM posts")                              // want `^warning: db.Query cannot be cancelled: .*use QueryContext with c.Request.Context\(\)`
	db.QueryContext(context.Background(), "SELECT id FROM posts") // want `^warning: db.QueryContext runs under context.Background\(\), detached from the request: .*use c.Request.Context\(\)`
}
