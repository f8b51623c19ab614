package web

import "testing"

// A test that resets a variable is no eviction in production.
func TestTrack(t *testing.T) {
	seen = nil
	events = events[:0]
}
