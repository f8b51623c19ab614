// Package s3 is a fake of github.com/aws/aws-sdk-go-v2/service/s3.
package s3

import "context"

type Options struct{}

type Client struct{}

func (c *Client) Options() Options { return Options{} }

type DeleteObjectInput struct {
	Bucket *string
	Key    *string
}

type DeleteObjectOutput struct{}

func (c *Client) DeleteObject(ctx context.Context, params *DeleteObjectInput, optFns ...func(*Options)) (*DeleteObjectOutput, error) {
	return &DeleteObjectOutput{}, nil
}

type GetObjectInput struct {
	Bucket *string
	Key    *string
}

type GetObjectOutput struct{}

func (c *Client) GetObject(ctx context.Context, params *GetObjectInput, optFns ...func(*Options)) (*GetObjectOutput, error) {
	return &GetObjectOutput{}, nil
}

type ListObjectsV2Input struct{ Bucket *string }

type ListObjectsV2Output struct{}

func (c *Client) ListObjectsV2(ctx context.Context, params *ListObjectsV2Input, optFns ...func(*Options)) (*ListObjectsV2Output, error) {
	return &ListObjectsV2Output{}, nil
}

type ListObjectsV2Paginator struct {
	client *Client
	params *ListObjectsV2Input
	done   bool
}

func NewListObjectsV2Paginator(client *Client, params *ListObjectsV2Input) *ListObjectsV2Paginator {
	return &ListObjectsV2Paginator{client: client, params: params}
}

func (p *ListObjectsV2Paginator) HasMorePages() bool { return !p.done }

func (p *ListObjectsV2Paginator) NextPage(ctx context.Context, optFns ...func(*Options)) (*ListObjectsV2Output, error) {
	p.done = true
	return p.client.ListObjectsV2(ctx, p.params, optFns...)
}
