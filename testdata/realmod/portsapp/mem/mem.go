// Package mem holds in-memory adapters: they do no I/O.
package mem

type Names struct{ m map[int64]string }

func (n *Names) Name(id int64) string { return n.m[id] }
