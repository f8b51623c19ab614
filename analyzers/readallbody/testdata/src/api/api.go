// Package api calls body-reading helpers of another package. // want package:"wants a body limit" package:"imports httputil"
package api

import (
	"net/http"

	"httputil"
)

func create(w http.ResponseWriter, r *http.Request) {
	var v map[string]any
	httputil.DecodeJSON(r, &v) // want `httputil.DecodeJSON\(r, &v\) decodes the request body with no size limit \(DecodeJSON → json.NewDecoder\(r.Body\)\)`
	httputil.DecodeLimited(w, r, &v)
}
