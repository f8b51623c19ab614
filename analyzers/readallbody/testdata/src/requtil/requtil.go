// Package requtil wraps a request's body in a limit, as evergreen's
// util.NewRequestReader does.
package requtil

import (
	"io"
	"net/http"
)

const maxRequestSize = 16 << 20

type requestReader struct {
	req *http.Request
	*io.LimitedReader
}

func NewRequestReader(req *http.Request) io.ReadCloser {
	return &requestReader{req: req, LimitedReader: &io.LimitedReader{R: req.Body, N: maxRequestSize}}
}

func (r *requestReader) Close() error { return r.req.Body.Close() }
