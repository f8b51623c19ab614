// Package connect is a fake of connectrpc.com/connect for unit tests.
package connect

import "net/http"

type Request[T any] struct {
	Msg *T
}

func (r *Request[T]) Header() http.Header { return nil }

type Response[T any] struct {
	Msg *T
}

func NewResponse[T any](msg *T) *Response[T] { return &Response[T]{Msg: msg} }

type HandlerOption interface{}
