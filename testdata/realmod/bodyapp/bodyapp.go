// Package bodyapp reads request bodies whole in every handler shape that // want package:"reads bodies"
// has an *http.Request, with the real frameworks: readallbody must report
// each, and none of the reads of outbound responses, standard input, or
// bodies bounded first (negatives below, and bodyapp_test.go).
package bodyapp

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"os"

	"github.com/beego/beego/v2/server/web"
	"github.com/gobuffalo/buffalo"
	"github.com/gorilla/mux"
	"github.com/julienschmidt/httprouter"
	"github.com/kataras/iris/v12"
	echo "github.com/labstack/echo/v5"

	appweb "realmod/shapesapp/web"
)

type identity struct {
	Traits map[string]any `json:"traits"`
}

// IdentityHandler serves identities with httprouter, as ory's services
// do: methods of a handler type, shaped func(w, r, httprouter.Params).
type IdentityHandler struct{}

func (h *IdentityHandler) RegisterRoutes(router *httprouter.Router) {
	router.POST("/identities", h.create)
	router.PUT("/identities/:id", h.update)
	router.PATCH("/identities/:id", h.patch)
}

func (h *IdentityHandler) create(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	var i identity
	if err := json.NewDecoder(r.Body).Decode(&i); err != nil { // want `json.NewDecoder\(r.Body\) decodes the request body with no size limit: .*r.Body = http.MaxBytesReader\(w, r.Body, maxBodyBytes\)`
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

func (h *IdentityHandler) update(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	var i identity
	decodeJSON(r, &i) // want `decodeJSON\(r, &i\) decodes the request body with no size limit \(decodeJSON → json.NewDecoder\(r.Body\)\)`
}

func decodeJSON(r *http.Request, v any) error { // want decodeJSON:"reads body of parameter 0 whole: json.NewDecoder\\(r.Body\\)"
	return json.NewDecoder(r.Body).Decode(v)
}

// patch bounds the body first.
func (h *IdentityHandler) patch(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	var i identity
	json.NewDecoder(r.Body).Decode(&i)
}

// articles is routed with gorilla/mux.
func articles() *mux.Router {
	m := mux.NewRouter()
	m.HandleFunc("/articles/{id}", func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body) // want `io.ReadAll\(r.Body\) reads the whole request body into memory with no size limit`
		w.Write(data)
	}).Methods(http.MethodPut)
	return m
}

// echoRoutes: echo v5.
func echoRoutes(e *echo.Echo) {
	e.POST("/feed", func(c *echo.Context) error {
		var v struct{ Items []string }
		return xml.NewDecoder(c.Request().Body).Decode(&v) // want `xml.NewDecoder\(c.Request\(\).Body\) decodes the request body with no size limit`
	})
}

// UsersCreate is a buffalo action.
func UsersCreate(c buffalo.Context) error { // want UsersCreate:"reads body of parameter 0 whole"
	var b bytes.Buffer
	b.ReadFrom(c.Request().Body) // want `b.ReadFrom\(c.Request\(\).Body\) reads the whole request body into memory with no size limit`
	return c.Render(http.StatusCreated, nil)
}

// UploadController is a beego controller.
type UploadController struct {
	web.Controller
}

func (c *UploadController) Post() {
	data, _ := io.ReadAll(c.Ctx.Request.Body) // want `io.ReadAll\(c.Ctx.Request.Body\) reads the whole request body into memory with no size limit`
	c.Ctx.ResponseWriter.Write(data)
}

// irisRoutes: iris.
func irisRoutes(a *iris.Application) {
	a.Post("/import", func(ctx iris.Context) {
		var rows []map[string]any
		json.NewDecoder(ctx.Request().Body).Decode(&rows) // want `json.NewDecoder\(ctx.Request\(\).Body\) decodes the request body with no size limit`
	})
}

// CreateIssue is a handler of the service's own context, as gitea's are.
func CreateIssue(ctx *appweb.Context) { // want CreateIssue:"reads body of parameter 0 whole"
	body, _ := io.ReadAll(ctx.Req.Body) // want `io.ReadAll\(ctx.Req.Body\) reads the whole request body into memory with no size limit: .*ctx.Req.Body = http.MaxBytesReader\(ctx.Resp, ctx.Req.Body, maxBodyBytes\)`
	ctx.JSON(http.StatusCreated, len(body))
}

// apiFunc is an adapter's handler.
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

func createTeam(r *http.Request) (any, error) {
	var t struct{ Name string }
	err := json.NewDecoder(r.Body).Decode(&t) // want `json.NewDecoder\(r.Body\) decodes the request body with no size limit`
	return t, err
}

func routes(m *http.ServeMux) {
	m.HandleFunc("/teams", api(createTeam))
}

// Negatives: an outbound response, standard input.

func fetchProfile(c *http.Client, url string) (map[string]any, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var v map[string]any
	err = json.NewDecoder(resp.Body).Decode(&v)
	return v, err
}

func readConfig() ([]byte, error) {
	return io.ReadAll(os.Stdin)
}
