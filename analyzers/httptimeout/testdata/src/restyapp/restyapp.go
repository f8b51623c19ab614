// Package restyapp builds resty clients with and without a timeout. // want package:"imports github.com/go-resty/resty/v2"
package restyapp

import (
	"time"

	"github.com/go-resty/resty/v2"
)

var api = resty.New().SetBaseURL("http://api") // want `^resty.New builds a client with no timeout: a call to a service that does not answer waits forever; call SetTimeout on it$`

func users() (*resty.Response, error) { return api.R().Get("/users") }

var timed = resty.New().SetTimeout(5 * time.Second) // OK

func posts() (*resty.Response, error) { return timed.R().Get("/posts") }
