// Package rpcsvc declares a gRPC service the way generated code does: its
// server interface gets a reqpath.ServerFact.
package rpcsvc

import (
	"context"

	"google.golang.org/grpc"
)

type UsersServer interface {
	Get(ctx context.Context, id int64) (string, error)
}

var Users_ServiceDesc = grpc.ServiceDesc{
	ServiceName: "users.Users",
	HandlerType: (*UsersServer)(nil),
}
