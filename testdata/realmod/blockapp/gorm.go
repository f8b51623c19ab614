package blockapp

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type account struct {
	ID    uint
	Email string
}

// accounts gives the real gorm a context with WithContext.
type accounts struct{ db *gorm.DB }

func (h *accounts) list(c *gin.Context) {
	var all []account
	if err := h.db.WithContext(context.Background()).Where("active = ?", true).Find(&all).Error; err != nil { // want `Find runs under context.Background\(\), detached from the request: .*use c.Request.Context\(\)`
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	c.JSON(http.StatusOK, all)
}

func (h *accounts) fixed(c *gin.Context) {
	var all []account
	h.db.WithContext(c.Request.Context()).Where("active = ?", true).Find(&all)
	c.JSON(http.StatusOK, all)
}
