// Package fasthttp is a fake of github.com/valyala/fasthttp with the API crisislint relies on.
package fasthttp

import (
	"net"
	"os"
	"time"
)

type RequestCtx struct{}

func (ctx *RequestCtx) SetBodyString(body string) {}

type RequestHandler func(ctx *RequestCtx)

type Server struct {
	Handler      RequestHandler
	Name         string
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	IdleTimeout  time.Duration
}

func (s *Server) ListenAndServe(addr string) error                           { return nil }
func (s *Server) ListenAndServeTLS(addr, certFile, keyFile string) error     { return nil }
func (s *Server) ListenAndServeTLSEmbed(addr string, cert, key []byte) error { return nil }
func (s *Server) ListenAndServeUNIX(addr string, mode os.FileMode) error     { return nil }
func (s *Server) Serve(ln net.Listener) error                                { return nil }
func (s *Server) ServeTLS(ln net.Listener, certFile, keyFile string) error   { return nil }
func (s *Server) ServeTLSEmbed(ln net.Listener, cert, key []byte) error      { return nil }
func (s *Server) ServeConn(c net.Conn) error                                 { return nil }
func (s *Server) Shutdown() error                                            { return nil }

func ListenAndServe(addr string, handler RequestHandler) error                       { return nil }
func ListenAndServeTLS(addr, certFile, keyFile string, handler RequestHandler) error { return nil }
func ListenAndServeTLSEmbed(addr string, cert, key []byte, handler RequestHandler) error {
	return nil
}
func ListenAndServeUNIX(addr string, mode os.FileMode, handler RequestHandler) error { return nil }
func Serve(ln net.Listener, handler RequestHandler) error                            { return nil }
func ServeTLS(ln net.Listener, certFile, keyFile string, handler RequestHandler) error {
	return nil
}
func ServeTLSEmbed(ln net.Listener, cert, key []byte, handler RequestHandler) error { return nil }
func ServeConn(c net.Conn, handler RequestHandler) error                            { return nil }
