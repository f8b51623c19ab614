package sqlapp

import (
	"github.com/gin-gonic/gin"
	fiber2 "github.com/gofiber/fiber/v2"
	fiber3 "github.com/gofiber/fiber/v3"
	echo4 "github.com/labstack/echo/v4"
	echo5 "github.com/labstack/echo/v5"
	"gorm.io/gorm"
)

// The frameworks' binders fill a struct from the request: its fields are
// request data, unless a oneof rule that gin checks closes them.

type sortReq struct {
	SortBy string `form:"sort_by" query:"sort_by" json:"sort_by"`
}

type checkedSortReq struct {
	SortBy string `form:"sort_by" binding:"omitempty,oneof=id name"`
}

func ginSort(db *gorm.DB) gin.HandlerFunc {
	return func(c *gin.Context) {
		var req sortReq
		if err := c.ShouldBindQuery(&req); err != nil {
			return
		}
		var us []User
		db.Order(req.SortBy + " DESC").Find(&us) // want `db.Order runs SQL built from user input req.SortBy \(from c.ShouldBindQuery\)`
		var checked checkedSortReq
		if err := c.ShouldBindQuery(&checked); err != nil {
			return
		}
		db.Order(checked.SortBy + " DESC").Find(&us)
	}
}

func echo4Sort(db *gorm.DB) echo4.HandlerFunc {
	return func(c echo4.Context) error {
		var req sortReq
		if err := c.Bind(&req); err != nil {
			return err
		}
		var us []User
		return db.Order(req.SortBy).Find(&us).Error // want `user input req.SortBy \(from c.Bind\)`
	}
}

func echo5Sort(db *gorm.DB) echo5.HandlerFunc {
	return func(c *echo5.Context) error {
		var req sortReq
		if err := echo5.BindQueryParams(c, &req); err != nil {
			return err
		}
		var us []User
		return db.Order(req.SortBy).Find(&us).Error // want `user input req.SortBy \(from echo5.BindQueryParams\)`
	}
}

func fiber2Sort(db *gorm.DB) fiber2.Handler {
	return func(c *fiber2.Ctx) error {
		var req sortReq
		if err := c.QueryParser(&req); err != nil {
			return err
		}
		var us []User
		return db.Order(req.SortBy).Find(&us).Error // want `user input req.SortBy \(from c.QueryParser\)`
	}
}

func fiber3Sort(db *gorm.DB) fiber3.Handler {
	return func(c fiber3.Ctx) error {
		var req sortReq
		if err := c.Bind().Query(&req); err != nil {
			return err
		}
		var us []User
		return db.Order(req.SortBy).Find(&us).Error // want `user input req.SortBy \(from c.Bind\(\).Query\)`
	}
}
