// Package assertions is test support built on testify.
package assertions

import "github.com/stretchr/testify/assert"

func Same(t assert.TestingT, a, b any) { assert.Equal(t, a, b) }
