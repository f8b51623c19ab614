// Package signer signs outbound requests in gin handlers, as new-api's // want package:"reads bodies" package:"wants a body limit"
// relay adaptors do: the request read is not the one the handler serves.
package signer

import (
	"bytes"
	"crypto/sha256"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
)

// sign serves c's request and hashes the body of req, which its callers
// hand it: read whole to hash it, then rewound.
func sign(c *gin.Context, req *http.Request) error { // want sign:`reads body of parameter 1 whole: io.ReadAll\(req.Body\)` sign:"buffers the body of parameter 1, read by signer.sign"
	b, err := io.ReadAll(req.Body)
	if err != nil {
		return err
	}
	req.Body = io.NopCloser(bytes.NewReader(b))
	sum := sha256.Sum256(b)
	req.Header.Set("X-Content-Sha256", string(sum[:]))
	return nil
}

// relay builds the request to the upstream service: its body is ours.
func relay(c *gin.Context) {
	req, _ := http.NewRequest("POST", "https://upstream.example/v1", bytes.NewReader([]byte("{}")))
	sign(c, req)
	http.DefaultClient.Do(req)
}

// echo hands sign the body of the request it serves: unbounded.
func echo(c *gin.Context) { // want echo:"buffers the body of parameter 0, read by signer.sign"
	sign(c, c.Request) // want `sign\(c, c.Request\) reads the whole request body into memory with no size limit \(sign → io.ReadAll\(req.Body\)\)`
}
