// Package service relays a request upstream: it decodes the in-memory
// copy of the body the Distribute middleware left (new-api's
// DoMidjourneyHttpRequest), and is not reported.
package service

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"
)

func DoUpstream(c *gin.Context, url string) (*http.Response, error) {
	var m map[string]any
	if c.Request.Method != http.MethodGet {
		if err := json.NewDecoder(c.Request.Body).Decode(&m); err != nil {
			return nil, err
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(c.Request.Context(), c.Request.Method, url, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}
