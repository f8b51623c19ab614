// Package timeoutapp builds HTTP clients with the real resty and
// go-retryablehttp.
package timeoutapp

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-resty/resty/v2"
	"github.com/hashicorp/go-retryablehttp"
)

// resty.New builds an http.Client with no Timeout.
var api = resty.New().SetBaseURL("http://api") // want `^resty.New builds a client with no timeout: a call to a service that does not answer waits forever; call SetTimeout on it$`

func callAPI() (*resty.Response, error) { return api.R().Get("/users") }

// OK: the timeout is set in the chain that builds it.
var timed = resty.New().SetBaseURL("http://api").SetTimeout(10 * time.Second)

func callTimed() (*resty.Response, error) { return timed.R().Get("/users") }

// OK: set on the variable that holds it.
func setLater() (*resty.Response, error) {
	c := resty.New()
	c.SetTimeout(5 * time.Second)
	return c.R().Get("http://api/users")
}

// OK: go-retryablehttp's client bounds its dial and retries with backoff.
func retrying(u string) (*http.Response, error) {
	return retryablehttp.NewClient().Get(u)
}

func standard(u string) (*http.Response, error) {
	return retryablehttp.NewClient().StandardClient().Get(u)
}

// A client handed to resty keeps its own (missing) timeout.
func wrapped() *resty.Client {
	return resty.NewWithClient(&http.Client{}) // want `http.Client built without a Timeout`
}

// gin's Run serves on http.ListenAndServe, with no timeouts: learned from
// gin's own code.
func serveGin() error {
	return gin.New().Run(":8080") // want `gin.New\(\).Run serves with a server that has no timeouts \(gin.New\(\).Run → &http.Server{Addr, Handler}\)`
}

// OK: gin's engine as the handler of a server with timeouts.
func serveGinTimed() error {
	srv := &http.Server{Addr: ":8080", Handler: gin.New(), ReadHeaderTimeout: 5 * time.Second}
	return srv.ListenAndServe()
}
