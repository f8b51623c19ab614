// Package gormctx gives gorm a context with WithContext in gin handlers:
// a detached one is reported where the query is finished.
package gormctx

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type User struct {
	ID    uint
	Email string
}

type UserHandler struct{ DB *gorm.DB }

func (h *UserHandler) List(c *gin.Context) {
	var users []User
	if err := h.DB.WithContext(context.Background()).Where("active = ?", true).Find(&users).Error; err != nil { // want `^warning: Find runs under context.Background\(\), detached from the request: when the client goes away, the work goes on; use c.Request.Context\(\)`
		c.JSON(http.StatusInternalServerError, err.Error())
		return
	}
	c.JSON(http.StatusOK, users)
}

func (h *UserHandler) Get(c *gin.Context) {
	var u User
	tx := h.DB.WithContext(context.TODO())
	tx.First(&u, c.Query("id")) // want `^warning: tx.First runs under context.TODO\(\), detached from the request`
	c.JSON(http.StatusOK, u)
}

// Under the request's context, one derived from it, or one detached on
// purpose: not reported.
func (h *UserHandler) Fixed(c *gin.Context) {
	var users []User
	h.DB.WithContext(c.Request.Context()).Where("active = ?", true).Find(&users)
	ctx, cancel := context.WithTimeout(c.Request.Context(), 5*time.Second)
	defer cancel()
	h.DB.WithContext(ctx).First(&users)
	h.DB.WithContext(context.WithoutCancel(c.Request.Context())).Create(&User{Email: "audit"})
	c.JSON(http.StatusOK, users)
}

// Purge runs from a job, outside the request path.
func (h *UserHandler) Purge() {
	h.DB.WithContext(context.Background()).Where("active = ?", false).Delete(&User{})
}
