// Package gobreaker is a fake of github.com/sony/gobreaker for tests.
package gobreaker

type CircuitBreaker struct{}

func (cb *CircuitBreaker) Execute(req func() (interface{}, error)) (interface{}, error) { return req() }
