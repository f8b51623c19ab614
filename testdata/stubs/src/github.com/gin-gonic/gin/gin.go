// Package gin is a fake of github.com/gin-gonic/gin with the API crisislint relies on.
package gin

import (
	"mime/multipart"
	"net/http"
)

type ResponseWriter interface {
	http.ResponseWriter
	Status() int
}

type Context struct {
	Request *http.Request
	Writer  ResponseWriter
}

type HandlerFunc func(*Context)

func (c *Context) GetRawData() ([]byte, error)                         { return nil, nil }
func (c *Context) FormFile(name string) (*multipart.FileHeader, error) { return nil, nil }
func (c *Context) Query(key string) string                             { return "" }
func (c *Context) JSON(code int, obj any)                              {}
func (c *Context) ShouldBindJSON(obj any) error                        { return nil }
func (c *Context) ShouldBind(obj any) error                            { return nil }
func (c *Context) ShouldBindQuery(obj any) error                       { return nil }
func (c *Context) Bind(obj any) error                                  { return nil }
func (c *Context) BindQuery(obj any) error                             { return nil }
func (c *Context) GetHeader(key string) string                         { return "" }
func (c *Context) AbortWithStatus(code int)                            {}
func (c *Context) Next()                                               {}

type Engine struct{}

func New() *Engine                                                 { return &Engine{} }
func (e *Engine) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

// Run serves on net/http's server with no timeouts, as gin's does.
func (e *Engine) Run(addr ...string) error {
	address := ":8080"
	if len(addr) > 0 {
		address = addr[0]
	}
	return http.ListenAndServe(address, e)
}
func (e *Engine) POST(path string, handlers ...HandlerFunc) {}
