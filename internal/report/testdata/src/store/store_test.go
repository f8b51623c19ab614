package store

import "testing"

func helper(t *testing.T) { Get() }
