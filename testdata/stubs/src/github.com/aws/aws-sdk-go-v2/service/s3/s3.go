// Package s3 is a fake of github.com/aws/aws-sdk-go-v2/service/s3.
package s3

import "context"

type Options struct{}

type Client struct{}

type DeleteObjectInput struct {
	Bucket *string
	Key    *string
}

type DeleteObjectOutput struct{}

func (c *Client) DeleteObject(ctx context.Context, params *DeleteObjectInput, optFns ...func(*Options)) (*DeleteObjectOutput, error) {
	return &DeleteObjectOutput{}, nil
}
