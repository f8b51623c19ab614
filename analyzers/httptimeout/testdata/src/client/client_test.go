package client

import (
	"net/http"
	"testing"
)

func TestFetch(t *testing.T) {
	http.Get("http://localhost/") // OK: test code
	_ = &http.Client{}
}
