// Package fetcher fetches pages from other sites, with requests no
// client can cancel.
package fetcher

import "net/http"

type RequestBuilder struct{ client *http.Client }

func (b *RequestBuilder) ExecuteRequest(url string) (*http.Response, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return nil, err
	}
	return b.client.Do(req)
}
