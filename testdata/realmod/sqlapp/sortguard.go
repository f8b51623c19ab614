package sqlapp

import (
	"log"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Item struct{ ID uint }

var sortable = map[string]bool{"id": true, "name": true}

// validSort returns s only when it is a known column.
func validSort(s string) string {
	if sortable[s] {
		return s
	}
	return "id"
}

// The value a helper returns after an allowlist check is one of its
// constants, whatever the request sends.
func listItems(db *gorm.DB) gin.HandlerFunc {
	return func(c *gin.Context) {
		var items []Item
		db.Order(validSort(c.Query("sort")) + " DESC").Find(&items)

		by := c.Query("by")
		if _, ok := sortable[by]; !ok {
			c.AbortWithStatus(400)
			return
		}
		db.Order(by).Find(&items)

		loose := c.Query("loose")
		if !sortable[loose] {
			log.Printf("unknown sort %q", loose)
		}
		db.Order(loose).Find(&items) // want `db.Order runs SQL built from user input c.Query\("loose"\) as a table or column name`
	}
}
