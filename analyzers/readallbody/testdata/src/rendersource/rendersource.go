// Package rendersource has a helper with a handler's shape, the request // want package:"reads bodies" package:"wants a body limit"
// and the writer among its parameters, and a reader of its own: what it
// reads is whatever its callers hand it, a file's contents or a body.
package rendersource

import (
	"io"
	"net/http"
	"strings"
)

func renderSource(w http.ResponseWriter, r *http.Request, src io.Reader) { // want renderSource:"reads body of parameter 2 whole: io.ReadAll\\(src\\)"
	b, _ := io.ReadAll(src)
	w.Write(b)
}

// view renders a file it read itself: no body is read.
func view(w http.ResponseWriter, r *http.Request) {
	renderSource(w, r, strings.NewReader("the file's contents"))
}

// echo hands it the request's body.
func echo(w http.ResponseWriter, r *http.Request) {
	renderSource(w, r, r.Body) // want `^error: renderSource\(w, r, r.Body\) reads the whole request body into memory with no size limit`
}
