// Package rpc implements the Greeter service.
package rpc

import (
	"context"

	"pb"
)

type server struct {
	pb.UnimplementedGreeterServer
}

func (s *server) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) { // want `RPC method request= writer= context=ctx`
	return s.reply(in.Name), nil
}

// reply is a helper of the method, not a method of the service.
func (s *server) reply(name string) *pb.HelloReply { return &pb.HelloReply{Message: name} }
