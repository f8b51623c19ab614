// Package nolimit is shaped like miniflux's API: no handler limits a // want package:"wants a body limit"
// body, so its reads are one finding, one cause with one remedy, whose
// fix still limits every handler.
package nolimit

import (
	"encoding/json"
	"net/http"
)

type feed struct{ URL string }

func createFeed(w http.ResponseWriter, r *http.Request) {
	var f feed
	json.NewDecoder(r.Body).Decode(&f) // want `^error: json.NewDecoder\(r.Body\) decodes the request body with no size limit, and no handler of this package limits a request body: one large request can exhaust the heap; wrap the router in http.MaxBytesHandler \(or a body-limit middleware\) once, or limit each handler first with r.Body = http.MaxBytesReader\(w, r.Body, maxBodyBytes\) \(and 2 more reads of a request body in this package\)$`
}

func updateFeed(w http.ResponseWriter, r *http.Request) {
	var f feed
	json.NewDecoder(r.Body).Decode(&f) // one of the related reads
}

func updateUser(w http.ResponseWriter, req *http.Request) {
	var u map[string]any
	json.NewDecoder(req.Body).Decode(&u) // one of the related reads
}
