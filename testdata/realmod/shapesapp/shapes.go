// Package shapesapp serves requests through every handler shape the
// request-path finder knows by its shape, with the real frameworks, and
// blocks in each: handlerblock must report all of them, and none of the
// same calls in main, init, commands, workers and tests (negatives.go,
// cmd/shapesd, shapes_test.go).
package shapesapp

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"os/exec"
	"regexp"
	"text/template"
	"time"

	"github.com/beego/beego/v2/server/web"
	"github.com/cloudwego/hertz/pkg/app"
	"github.com/gin-gonic/gin"
	"github.com/gobuffalo/buffalo"
	"github.com/gofiber/fiber/v3"
	"github.com/gorilla/mux"
	"github.com/julienschmidt/httprouter"
	"github.com/kataras/iris/v12"
	echo "github.com/labstack/echo/v5"
	"github.com/valyala/fasthttp"

	appweb "realmod/shapesapp/web"
)

var db *sql.DB

// healthHandler is a net/http Handler.
type healthHandler struct{}

func (healthHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	time.Sleep(100 * time.Millisecond) // want `time.Sleep sleeps while the request waits: .*watches r.Context\(\).Done\(\)`
	w.WriteHeader(http.StatusOK)
}

// IdentityHandler serves identities with httprouter, as ory's services
// do: methods of a handler type, shaped func(w, r, httprouter.Params).
type IdentityHandler struct{ db *sql.DB }

func (h *IdentityHandler) RegisterRoutes(router *httprouter.Router) {
	router.GET("/identities/:id", h.getIdentity)
	router.DELETE("/identities/:id", h.deleteIdentity)
	router.GET("/sessions", listSessions)
}

func (h *IdentityHandler) getIdentity(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	var traits string
	h.db.QueryRow("SELECT traits FROM identities WHERE id = $1", ps.ByName("id")).Scan(&traits) // want `h.db.QueryRow cannot be cancelled: .*use QueryRowContext with r.Context\(\)`
	json.NewEncoder(w).Encode(traits)
}

func (h *IdentityHandler) deleteIdentity(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	h.db.ExecContext(context.Background(), "DELETE FROM identities WHERE id = $1", ps.ByName("id")) // want `h.db.ExecContext runs under context.Background\(\), detached from the request: .*use r.Context\(\)`
	w.WriteHeader(http.StatusNoContent)
}

// listSessions is a plain function of httprouter's shape.
func listSessions(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	time.Sleep(time.Second) // want `time.Sleep sleeps while the request waits`
}

// articles is routed with gorilla/mux: net/http handlers, path variables
// from mux.Vars.
func articles() http.Handler {
	r := mux.NewRouter()
	r.HandleFunc("/articles/{id}/thumbnail", func(w http.ResponseWriter, r *http.Request) {
		exec.Command("convert", mux.Vars(r)["id"], "thumb.png").Run() // want `exec.Command cannot be cancelled: .*use CommandContext with r.Context\(\)`
	}).Methods(http.MethodPost)
	r.Handle("/health", healthHandler{})
	return r
}

// ginRoutes: gin.
func ginRoutes(g *gin.Engine) {
	g.GET("/search", func(c *gin.Context) {
		re := regexp.MustCompile(`^[a-z0-9-]+$`) // want `regexp.MustCompile builds the same regular expression on every request`
		c.JSON(http.StatusOK, re.MatchString(c.Query("q")))
	})
}

// echoRoutes: echo v5, whose handlers take *echo.Context.
func echoRoutes(e *echo.Echo) {
	e.GET("/users/:id", func(c *echo.Context) error {
		rows, err := db.Query("SELECT name FROM users WHERE id = $1", c.Param("id")) // want `db.Query cannot be cancelled: .*use QueryContext with c.Request\(\).Context\(\)`
		if err != nil {
			return err
		}
		return rows.Close()
	})
}

// fiberRoutes: fiber v3, whose handlers take the fiber.Ctx interface.
func fiberRoutes(app *fiber.App) {
	app.Get("/report", func(c fiber.Ctx) error {
		time.Sleep(500 * time.Millisecond) // want `time.Sleep sleeps while the request waits: .*watches c.Context\(\).Done\(\)`
		return c.SendStatus(http.StatusOK)
	})
}

// hertzPing is a hertz handler: the context comes as a parameter of its own.
func hertzPing(ctx context.Context, c *app.RequestContext) {
	db.Exec("UPDATE stats SET pings = pings + 1") // want `db.Exec cannot be cancelled: .*use ExecContext with ctx`
	c.String(http.StatusOK, "pong")
}

var _ app.HandlerFunc = hertzPing

// fastPing is a fasthttp handler.
func fastPing(ctx *fasthttp.RequestCtx) {
	time.Sleep(10 * time.Millisecond) // want `time.Sleep sleeps while the request waits: .*watches ctx.Done\(\)`
	ctx.SetStatusCode(fasthttp.StatusOK)
}

var _ fasthttp.RequestHandler = fastPing

// UsersShow is a buffalo action: buffalo.Context is a context.Context.
func UsersShow(c buffalo.Context) error {
	var name string
	db.QueryRow("SELECT name FROM users WHERE id = $1", c.Param("user_id")).Scan(&name) // want `db.QueryRow cannot be cancelled: .*use QueryRowContext with c$`
	return c.Render(http.StatusOK, nil)
}

func buffaloApp() *buffalo.App {
	a := buffalo.New(buffalo.Options{})
	a.GET("/users/{user_id}", UsersShow)
	return a
}

// UserController is a beego controller: its methods serve requests, and
// reach the request through the embedded web.Controller's Ctx.
type UserController struct {
	web.Controller
}

func (c *UserController) Get() {
	tpl := template.Must(template.ParseFiles("user.tpl")) // want `template.ParseFiles builds the same template on every request`
	tpl.Execute(c.Ctx.ResponseWriter, nil)
}

func (c *UserController) Post() {
	db.ExecContext(context.TODO(), "INSERT INTO users (name) VALUES ($1)", c.GetString("name")) // want `db.ExecContext runs under context.TODO\(\), detached from the request: .*use c.Ctx.Request.Context\(\)`
}

func beegoRoutes() {
	web.Router("/user", &UserController{})
}

// irisRoutes: iris, whose context is a context.Context.
func irisRoutes(a *iris.Application) {
	a.Get("/export", func(ctx iris.Context) {
		exec.Command("pg_dump", "app").Run() // want `exec.Command cannot be cancelled: .*use CommandContext with ctx$`
	})
}

// Home is a handler of the service's own context, as gitea's are: the
// request and the writer are fields of an embedded Base that is a
// context.Context.
func Home(ctx *appweb.Context) {
	var n int
	db.QueryRow("SELECT count(*) FROM repositories WHERE owner = $1", ctx.Repo.Owner).Scan(&n) // want `db.QueryRow cannot be cancelled: .*use QueryRowContext with ctx$`
	ctx.JSON(http.StatusOK, n)
}

// RepoSettings takes the Base only.
func RepoSettings(ctx *appweb.Base) {
	time.Sleep(time.Second) // want `time.Sleep sleeps while the request waits: .*watches ctx.Done\(\)`
}

func giteaRoutes(m *appweb.Router) {
	m.Get("/", Home)
	m.Post("/settings", RepoSettings)
}

// apiFunc is an adapter's handler: it returns what to encode.
type apiFunc func(r *http.Request) (any, error)

func api(f apiFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := f(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		json.NewEncoder(w).Encode(v)
	}
}

func listTeams(r *http.Request) (any, error) {
	rows, err := db.Query("SELECT id FROM teams") // want `db.Query cannot be cancelled: .*use QueryContext with r.Context\(\)`
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return nil, nil
}

func adapterRoutes(mux *http.ServeMux) {
	mux.HandleFunc("/teams", api(listTeams))
	mux.HandleFunc("/slow", api(func(r *http.Request) (any, error) {
		time.Sleep(time.Second) // want `time.Sleep sleeps while the request waits: .*watches r.Context\(\).Done\(\)`
		return nil, nil
	}))
}
