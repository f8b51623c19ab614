// Package greetconnect is shaped as protoc-gen-connect-go generates a
// client: an interface implemented on connect.Client.
package greetconnect

import (
	"context"

	"connectrpc.com/connect"
)

type GreetRequest struct{ Name string }

type GreetResponse struct{ Greeting string }

type GreetServiceClient interface {
	Greet(context.Context, *connect.Request[GreetRequest]) (*connect.Response[GreetResponse], error)
}

func NewGreetServiceClient(httpClient connect.HTTPClient, baseURL string, opts ...connect.ClientOption) GreetServiceClient {
	return &greetServiceClient{greet: connect.NewClient[GreetRequest, GreetResponse](httpClient, baseURL+"/greet.v1.GreetService/Greet", opts...)}
}

type greetServiceClient struct {
	greet *connect.Client[GreetRequest, GreetResponse]
}

func (c *greetServiceClient) Greet(ctx context.Context, req *connect.Request[GreetRequest]) (*connect.Response[GreetResponse], error) {
	return c.greet.CallUnary(ctx, req)
}
