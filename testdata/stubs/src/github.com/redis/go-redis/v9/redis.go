// Package redis is a fake of github.com/redis/go-redis/v9 with the structure
// crisislint relies on: commands are methods of the cmdable function type,
// which Client and Pipeline embed.
package redis

import (
	"context"
	"time"
)

type Cmder interface{ Err() error }

// Nil is the error a read of a missing key returns.
const Nil = RedisError("redis: nil")

type RedisError string

func (e RedisError) Error() string { return string(e) }

type StringCmd struct{}

func (c *StringCmd) Result() (string, error)  { return "", nil }
func (c *StringCmd) Err() error               { return nil }
func (c *StringCmd) Bytes() ([]byte, error)   { return nil, nil }
func (c *StringCmd) Scan(v interface{}) error { return nil }

type IntCmd struct{}

func (c *IntCmd) Err() error { return nil }

type BoolCmd struct{}

func (c *BoolCmd) Result() (bool, error) { return false, nil }
func (c *BoolCmd) Err() error            { return nil }

type StatusCmd struct{}

func (c *StatusCmd) Err() error { return nil }

type StringSliceCmd struct{}

func (c *StringSliceCmd) Result() ([]string, error) { return nil, nil }

type SliceCmd struct{}

func (c *SliceCmd) Err() error { return nil }

type cmdable func(ctx context.Context, cmd Cmder) error

func (c cmdable) Get(ctx context.Context, key string) *StringCmd { return nil }
func (c cmdable) Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd {
	return nil
}
func (c cmdable) MGet(ctx context.Context, keys ...string) *SliceCmd { return nil }
func (c cmdable) SetEx(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd {
	return nil
}
func (c cmdable) SetNX(ctx context.Context, key string, value interface{}, expiration time.Duration) *BoolCmd {
	return nil
}
func (c cmdable) Del(ctx context.Context, keys ...string) *IntCmd    { return nil }
func (c cmdable) Unlink(ctx context.Context, keys ...string) *IntCmd { return nil }
func (c cmdable) BLPop(ctx context.Context, timeout time.Duration, keys ...string) *StringSliceCmd {
	return nil
}
func (c cmdable) Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd {
	return nil
}

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
