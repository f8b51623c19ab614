// Package clock is production code that asks whether it runs under a test.
package clock

import "testing"

func Now() int { // want `flush Now` `node Now`
	if testing.Testing() {
		return 0
	}
	return 1
}
