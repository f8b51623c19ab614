// Package relay converts audio requests for the upstream channel, through
// an adaptor interface: it copies the in-memory body (one-api's
// RelayAudioHelper) and the uploaded file parsed from it (new-api's
// cloudflare ConvertAudioRequest), and is not reported.
package relay

import (
	"bytes"
	"io"

	"github.com/gin-gonic/gin"
)

type Adaptor interface {
	ConvertAudio(c *gin.Context) (io.Reader, error)
}

type cloudflare struct{}

func Cloudflare() Adaptor { return cloudflare{} }

func (cloudflare) ConvertAudio(c *gin.Context) (io.Reader, error) {
	file, _, err := c.Request.FormFile("file")
	if err != nil {
		return nil, err
	}
	defer file.Close()
	buf := &bytes.Buffer{}
	if _, err := io.Copy(buf, file); err != nil {
		return nil, err
	}
	return buf, nil
}

func AudioHelper(c *gin.Context, a Adaptor) (io.Reader, error) {
	buf := &bytes.Buffer{}
	if _, err := io.Copy(buf, c.Request.Body); err != nil {
		return nil, err
	}
	c.Request.Body = io.NopCloser(bytes.NewBuffer(buf.Bytes()))
	return a.ConvertAudio(c)
}
