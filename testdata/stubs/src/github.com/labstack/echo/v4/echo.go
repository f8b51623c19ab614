// Package echo is a fake of github.com/labstack/echo/v4 with the API crisislint relies on.
package echo

import (
	"mime/multipart"
	"net/http"
)

type Response struct{ Writer http.ResponseWriter }

func (r *Response) Header() http.Header         { return nil }
func (r *Response) Write(b []byte) (int, error) { return 0, nil }
func (r *Response) WriteHeader(code int)        {}

type Context interface {
	Request() *http.Request
	Response() *Response
	FormFile(name string) (*multipart.FileHeader, error)
	QueryParam(name string) string
	Param(name string) string
	FormValue(name string) string
	JSON(code int, i interface{}) error
	Bind(i interface{}) error
}

type HandlerFunc func(c Context) error
type MiddlewareFunc func(next HandlerFunc) HandlerFunc

type Echo struct{}

func New() *Echo                                                     { return &Echo{} }
func (e *Echo) Use(middleware ...MiddlewareFunc)                     {}
func (e *Echo) POST(path string, h HandlerFunc, m ...MiddlewareFunc) {}
