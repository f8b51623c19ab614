package retry

import (
	"net/http"
	"testing"
)

func TestTight(t *testing.T) {
	for {
		if _, err := http.Get("http://localhost/"); err == nil { // OK: test code
			return
		}
	}
}
