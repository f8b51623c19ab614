// Package grpc is a fake of google.golang.org/grpc for unit tests: the
// parts generated service code uses.
package grpc

import "context"

type MethodDesc struct {
	MethodName string
	Handler    func(srv any, ctx context.Context, dec func(any) error, interceptor any) (any, error)
}

type ServiceDesc struct {
	ServiceName string
	HandlerType any
	Methods     []MethodDesc
	Metadata    any
}

type ServiceRegistrar interface {
	RegisterService(desc *ServiceDesc, impl any)
}

type Server struct{}

func NewServer() *Server { return &Server{} }

func (s *Server) RegisterService(desc *ServiceDesc, impl any) {}

type ClientConn struct{}

func (cc *ClientConn) Invoke(ctx context.Context, method string, args, reply any, opts ...any) error {
	return nil
}
