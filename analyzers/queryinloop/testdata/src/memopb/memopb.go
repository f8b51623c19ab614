// Package memopb is what protoc-gen-go-grpc generates for a memo service.
package memopb

import (
	"context"

	"google.golang.org/grpc"
)

type Relation struct{ Related int64 }

type SetRelationsRequest struct {
	Memo      int64
	Relations []*Relation
}

type GetMemosRequest struct{ IDs []int64 }

type Empty struct{}

type MemoServiceServer interface {
	SetRelations(context.Context, *SetRelationsRequest) (*Empty, error)
	GetMemos(context.Context, *GetMemosRequest) (*Empty, error)
}

func RegisterMemoServiceServer(s grpc.ServiceRegistrar, srv MemoServiceServer) {
	s.RegisterService(&MemoService_ServiceDesc, srv)
}

var MemoService_ServiceDesc = grpc.ServiceDesc{
	ServiceName: "memos.MemoService",
	HandlerType: (*MemoServiceServer)(nil),
}
