// Package fiber is a fake of github.com/gofiber/fiber/v2 with the API crisislint relies on.
package fiber

import (
	"net"
	"net/http"
	"time"

	"github.com/valyala/fasthttp"
)

type Config struct {
	AppName      string
	BodyLimit    int
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	IdleTimeout  time.Duration
}

type Ctx struct{}

func (c *Ctx) SendString(body string) error { return nil }

type Handler = func(*Ctx) error

type App struct{ server *fasthttp.Server }

func New(config ...Config) *App { return &App{server: &fasthttp.Server{}} }

func (app *App) Get(path string, handlers ...Handler) {}
func (app *App) Use(args ...interface{})              {}

func (app *App) Listen(addr string) error                       { return nil }
func (app *App) ListenTLS(addr, certFile, keyFile string) error { return nil }
func (app *App) Listener(ln net.Listener) error                 { return nil }
func (app *App) Shutdown() error                                { return nil }
func (app *App) Server() *fasthttp.Server                       { return app.server }
func (app *App) Handler() fasthttp.RequestHandler               { return nil }
func (app *App) Test(req *http.Request, msTimeout ...int) (*http.Response, error) {
	return nil, nil
}
