// Package rpcsend implements a gRPC service whose method sends with its // want package:"imports pb"
// request's context.
package rpcsend

import (
	"context"
	"net/http"

	"pb"
)

type server struct {
	pb.UnimplementedGreeterServer
}

// A handler's context is its request's, which has no deadline unless the
// client set one: its callers are the server, so the send is reported
// here.
func (s *server) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", "http://names/"+in.Name, nil)
	if err != nil {
		return nil, err
	}
	if _, err := http.DefaultClient.Do(req); err != nil { // want `http.DefaultClient.Do sends on http.DefaultClient, which has no timeout: when the service does not answer, the call waits forever, and so does the request that made it`
		return nil, err
	}
	return &pb.HelloReply{Message: in.Name}, nil
}
