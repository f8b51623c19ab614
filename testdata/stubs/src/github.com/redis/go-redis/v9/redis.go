// Package redis is a fake of github.com/redis/go-redis/v9 with the structure
// crisislint relies on: commands are methods of the cmdable function type,
// which Client and Pipeline embed.
package redis

import (
	"context"
	"time"
)

type Cmder interface{ Err() error }

type StringCmd struct{}

func (c *StringCmd) Result() (string, error) { return "", nil }
func (c *StringCmd) Err() error              { return nil }

type StatusCmd struct{}

func (c *StatusCmd) Err() error { return nil }

type SliceCmd struct{}

func (c *SliceCmd) Err() error { return nil }

type cmdable func(ctx context.Context, cmd Cmder) error

func (c cmdable) Get(ctx context.Context, key string) *StringCmd { return nil }
func (c cmdable) Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd {
	return nil
}
func (c cmdable) MGet(ctx context.Context, keys ...string) *SliceCmd { return nil }

type Cmdable interface {
	Get(ctx context.Context, key string) *StringCmd
	Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd
	MGet(ctx context.Context, keys ...string) *SliceCmd
	Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error)
}

type Pipeliner interface {
	Cmdable
	Exec(ctx context.Context) ([]Cmder, error)
}

type Options struct{ Addr string }

type Client struct{ cmdable }

func NewClient(opt *Options) *Client { return &Client{} }

func (c *Client) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Client) Pipeline() Pipeliner { return nil }
