// Package memcache is a fake of github.com/bradfitz/gomemcache/memcache.
package memcache

import "errors"

var ErrCacheMiss = errors.New("memcache: cache miss")

type Item struct {
	Key        string
	Value      []byte
	Flags      uint32
	Expiration int32
}

type Client struct{}

func New(server ...string) *Client { return &Client{} }

func (c *Client) Get(key string) (item *Item, err error) { return nil, nil }
func (c *Client) Set(item *Item) error                   { return nil }
func (c *Client) Add(item *Item) error                   { return nil }
func (c *Client) Delete(key string) error                { return nil }
