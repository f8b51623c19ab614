// Package resty is a fake of github.com/go-resty/resty/v2 for tests.
package resty

import "time"

type Client struct{}

type Request struct{}

type Response struct{}

func New() *Client { return &Client{} }

func (c *Client) SetTimeout(d time.Duration) *Client { return c }

func (c *Client) SetBaseURL(u string) *Client { return c }

func (c *Client) R() *Request { return &Request{} }

func (r *Request) Get(u string) (*Response, error) { return &Response{}, nil }
