// Package greetpb is shaped as protoc-gen-go-grpc generates a client: an
// interface whose methods take ...grpc.CallOption, implemented on the
// connection as a grpc.ClientConnInterface.
package greetpb

import (
	"context"

	"google.golang.org/grpc"
)

type HelloRequest struct{ Name string }

type HelloReply struct{ Message string }

type GreeterClient interface {
	SayHello(ctx context.Context, in *HelloRequest, opts ...grpc.CallOption) (*HelloReply, error)
}

type greeterClient struct{ cc grpc.ClientConnInterface }

func NewGreeterClient(cc grpc.ClientConnInterface) GreeterClient { return &greeterClient{cc} }

func (c *greeterClient) SayHello(ctx context.Context, in *HelloRequest, opts ...grpc.CallOption) (*HelloReply, error) {
	out := new(HelloReply)
	if err := c.cc.Invoke(ctx, "/helloworld.Greeter/SayHello", in, out, opts...); err != nil {
		return nil, err
	}
	return out, nil
}
