// Package grpc is the part of google.golang.org/grpc that generated
// service descriptions use, for the nogo test's facts.
package grpc

type ServiceDesc struct {
	ServiceName string
	HandlerType any
}
