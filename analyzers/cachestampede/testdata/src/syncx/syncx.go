// Package syncx is a program's own singleflight (go-zero's core/syncx
// shape), and a memo that looks like one but makes nobody wait.
package syncx

import "sync"

type SingleFlight interface {
	Do(key string, fn func() (any, error)) (any, error) // want Do:`cache: single flight`
}

type call struct {
	wg  sync.WaitGroup
	val any
	err error
}

type flightGroup struct {
	calls map[string]*call
	lock  sync.Mutex
}

func NewSingleFlight() SingleFlight { return &flightGroup{calls: make(map[string]*call)} }

func (g *flightGroup) Do(key string, fn func() (any, error)) (any, error) { // want Do:`cache: single flight`
	g.lock.Lock()
	if c, ok := g.calls[key]; ok {
		g.lock.Unlock()
		c.wg.Wait()
		return c.val, c.err
	}
	c := new(call)
	c.wg.Add(1)
	g.calls[key] = c
	g.lock.Unlock()
	c.val, c.err = fn()
	c.wg.Done()
	g.lock.Lock()
	delete(g.calls, key)
	g.lock.Unlock()
	return c.val, c.err
}

// Memo keeps results, but two callers that miss together both run fn.
type Memo struct {
	mu   sync.Mutex
	vals map[string]string
}

func (m *Memo) Do(key string, fn func() (string, error)) (string, error) {
	m.mu.Lock()
	v, ok := m.vals[key]
	m.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := fn()
	if err == nil {
		m.mu.Lock()
		m.vals[key] = v
		m.mu.Unlock()
	}
	return v, err
}
