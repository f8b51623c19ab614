package bodyapp

import (
	"io"
	"net/http"
	"testing"
)

// A handler in a test reads as it likes.
func TestEcho(t *testing.T) {
	h := func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		w.Write(data)
	}
	_ = h
}
