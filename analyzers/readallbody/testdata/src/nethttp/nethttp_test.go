package nethttp

import (
	"io"
	"net/http/httptest"
	"testing"
)

func TestRead(t *testing.T) {
	r := httptest.NewRequest("POST", "/", nil)
	io.ReadAll(r.Body)
}
