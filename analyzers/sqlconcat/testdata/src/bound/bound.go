// Package bound sorts by fields of structs that binders fill from the // want package:"uses sql"
// request: they are request data, as c.Query("sort") is.
package bound

import (
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
)

var db *gorm.DB

type Item struct{ ID uint }

type ListReq struct {
	SortBy string `form:"sort_by"`
	Order  string `form:"order"`
}

func ginQuery(c *gin.Context) {
	var req ListReq
	if err := c.ShouldBindQuery(&req); err != nil {
		return
	}
	var items []Item
	db.Order(req.SortBy + " DESC").Find(&items) // want `db.Order runs SQL built from user input req.SortBy \(from c.ShouldBindQuery\) as a table or column name`
}

func ginPointer(c *gin.Context) {
	req := &ListReq{SortBy: "id"}
	if err := c.ShouldBind(req); err != nil {
		return
	}
	var items []Item
	db.Order(req.SortBy + " " + req.Order).Find(&items) // want `user input req.SortBy \(from c.ShouldBind\) \(and 1 more part\)`
}

func echoBind(c echo.Context) error {
	var req ListReq
	if err := c.Bind(&req); err != nil {
		return err
	}
	var items []Item
	return db.Order(req.SortBy).Find(&items).Error // want `user input req.SortBy \(from c.Bind\)`
}

type Page struct{ Sort string }

type SearchReq struct {
	Page Page
}

func decoded(w http.ResponseWriter, r *http.Request, sdb *sql.DB) {
	var req SearchReq
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
		return
	}
	sdb.Query("SELECT id FROM items ORDER BY " + req.Page.Sort) // want `user input req.Page.Sort`
}

func unmarshaled(w http.ResponseWriter, r *http.Request, sdb *sql.DB) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return
	}
	var req ListReq
	if err := json.Unmarshal(body, &req); err != nil {
		return
	}
	sdb.Query("SELECT id FROM items ORDER BY " + req.SortBy) // want `user input req.SortBy \(from json.Unmarshal\)`
}

// A oneof rule that gin checks when it binds is an allowlist.
type CheckedReq struct {
	SortBy string `form:"sort_by" binding:"omitempty,oneof=id name created_at"`
	Order  string `form:"order" validate:"omitempty,oneof=asc desc"`
}

func checked(c *gin.Context) {
	var req CheckedReq
	if err := c.ShouldBindQuery(&req); err != nil {
		return
	}
	var items []Item
	db.Order(req.SortBy + " " + req.Order).Find(&items)
}

// A field the program sets after binding is its own choice.
func overridden(c *gin.Context) {
	var req ListReq
	if err := c.ShouldBindQuery(&req); err != nil {
		return
	}
	req.SortBy = "created_at"
	var items []Item
	db.Order(req.SortBy + " DESC").Find(&items)
}

// A struct decoded from a file is configuration, not the request.
func fromFile(sdb *sql.DB) {
	f, err := os.Open("settings.json")
	if err != nil {
		return
	}
	var s ListReq
	if err := json.NewDecoder(f).Decode(&s); err != nil {
		return
	}
	sdb.Query("SELECT id FROM items ORDER BY " + s.SortBy)
}

// A repository that takes a params struct: its field is its caller's to
// choose, as a string parameter is.
type ListParams struct {
	Page   int
	SortBy string
}

type Repo struct{ db *gorm.DB }

func (r *Repo) List(p ListParams) ([]Item, error) { // want List:`sql sink: names \[0\] to r.db.Order`
	var items []Item
	err := r.db.Order(p.SortBy + " DESC").Find(&items).Error
	return items, err
}

func listHandler(c *gin.Context) {
	var p ListParams
	if err := c.ShouldBindQuery(&p); err != nil {
		return
	}
	repo := &Repo{db: db}
	repo.List(p) // want `repo.List \(which passes it to r.db.Order\) runs SQL built from user input p \(from c.ShouldBindQuery\) as a table or column name`
}

func listByPointer(c *gin.Context, repo *Repo) {
	var p ListParams
	if err := c.ShouldBindQuery(&p); err != nil {
		return
	}
	repo.ListPtr(&p) // want `repo.ListPtr \(which passes it to r.db.Order\) runs SQL built from user input &p`
}

func (r *Repo) ListPtr(p *ListParams) ([]Item, error) { // want ListPtr:`sql sink: names \[0\] to r.db.Order`
	var items []Item
	err := r.db.Order(p.SortBy).Find(&items).Error
	return items, err
}

// Callers that fill the params themselves.
func listConst(repo *Repo) {
	repo.List(ListParams{SortBy: "name"})
}

func listDefaulted(c *gin.Context, repo *Repo) {
	var p ListParams
	if err := c.ShouldBindQuery(&p); err != nil {
		return
	}
	p.SortBy = "id"
	repo.List(p)
}
