// Package shapes has handlers of every shape, and functions of no shape.
package shapes

import (
	"context"
	"net/http"

	"connectrpc.com/connect"
	"github.com/gin-gonic/gin"
	"github.com/julienschmidt/httprouter"
	"github.com/labstack/echo/v4"
)

func plain(w http.ResponseWriter, r *http.Request) {} // want `HTTP handler request=r writer=w context=r.Context\(\)`

// httprouter's handlers take their parameters third.
func routed(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {} // want `HTTP handler request=r writer=w context=r.Context\(\)`

// A custom adapter puts the request first and returns an error.
func reversed(r *http.Request, w http.ResponseWriter) error { return nil } // want `HTTP handler request=r writer=w context=r.Context\(\)`

func ginHandler(c *gin.Context) {} // want `HTTP handler request=c.Request writer=c.Writer context=c.Request.Context\(\)`

func echoHandler(c echo.Context) error { return nil } // want `HTTP handler request=c.Request\(\) writer=c.Response\(\) context=c.Request\(\).Context\(\)`

// Base and Context are a framework of the program's own, as gitea's:
// the request is a field of an embedded struct.
type Base struct {
	Resp http.ResponseWriter
	Req  *http.Request
}

// The context's own methods are on the request path too.
func (b *Base) Deadline() (deadlineTime int, ok bool) { return 0, false } // want `HTTP handler request=b.Req writer=b.Resp context=b`
func (b *Base) Done() <-chan struct{}                 { return nil }      // want `HTTP handler request=b.Req writer=b.Resp context=b`
func (b *Base) Err() error                            { return nil }      // want `HTTP handler request=b.Req writer=b.Resp context=b`
func (b *Base) Value(key any) any                     { return nil }      // want `HTTP handler request=b.Req writer=b.Resp context=b`

type Context struct {
	*Base
	Doer string
}

func Home(ctx *Context) {} // want `HTTP handler request=ctx.Req writer=ctx.Resp context=ctx`

// A method of the context is on the request path too.
func (ctx *Context) Render(name string) {} // want `HTTP handler request=ctx.Req writer=ctx.Resp context=ctx`

// A controller reaches the request through its receiver's fields (beego).
type Controller struct {
	Ctx *Input
}

type Input struct {
	Request        *http.Request
	ResponseWriter http.ResponseWriter
}

func (c *Controller) Get() {} // want `HTTP handler request=c.Ctx.Request writer=c.Ctx.ResponseWriter context=c.Ctx.Request.Context\(\)`

type Greeting struct{ Name string }

// A Connect method takes a *connect.Request.
func Greet(ctx context.Context, req *connect.Request[Greeting]) (*connect.Response[Greeting], error) { // want `RPC method request= writer= context=ctx`
	return nil, nil
}

// An adapter's function gets the request.
func adapt(f func(r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { f(r) } // want `HTTP handler request=r writer=w context=r.Context\(\)`
}

func listUsers(r *http.Request) (any, error) { return nil, nil } // want `HTTP handler request=r writer= context=r.Context\(\)`

func routes(mux *http.ServeMux, router *httprouter.Router) {
	mux.Handle("/users", adapt(listUsers))
	router.GET("/x", func(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {}) // want `HTTP handler request=r writer=w context=r.Context\(\)`
}

// Not handlers: a helper of the request alone, an outbound request's
// builder, a job, main-like code, a writer alone.
func parseForm(r *http.Request) error                    { return nil }
func sign(req *http.Request, key string)                 { parseForm(req) }
func job(ctx context.Context, id int) error              { return nil }
func render(w http.ResponseWriter, v any)                {}
func outbound(client *http.Client, req *http.Request)    {}
func wrapped(next http.Handler) http.Handler             { return next }
func withRequest(req *http.Request, resp *http.Response) {}
