// Package reusable reads request bodies whole once, in a middleware, and // want package:"reads bodies" package:"buffers bodies in reusable.Distribute, read by reusable.GetRequestBody" package:"routes to reusable" package:"wants a body limit"
// leaves the request an in-memory copy for the handlers after it.
package reusable

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// GetRequestBody is the first read: reported.
func GetRequestBody(r *http.Request) ([]byte, error) { // want GetRequestBody:`reads body of parameter 0 whole: io.ReadAll\(r.Body\)`
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// UnmarshalBodyReusable buffers the body GetRequestBody read.
func UnmarshalBodyReusable(r *http.Request, v any) error { // want UnmarshalBodyReusable:"buffers the body of parameter 0, read by reusable.GetRequestBody" UnmarshalBodyReusable:"reads body of parameter 0 whole: GetRequestBody"
	b, err := GetRequestBody(r)
	if err != nil {
		return err
	}
	r.Body = io.NopCloser(bytes.NewBuffer(b))
	return json.Unmarshal(b, v)
}

// copyBody buffers what it copies, in a buffer.
func copyBody(r *http.Request) *bytes.Buffer { // want copyBody:"buffers the body of parameter 0, read by reusable.copyBody" copyBody:`reads body of parameter 0 whole: io.Copy\(buf, r.Body\)`
	buf := &bytes.Buffer{}
	io.Copy(buf, r.Body)
	r.Body = io.NopCloser(bytes.NewReader(buf.Bytes()))
	return buf
}

// readString buffers what it read, as a string.
func readString(r *http.Request) string { // want readString:"buffers the body of parameter 0, read by reusable.readString" readString:`reads body of parameter 0 whole: io.ReadAll\(r.Body\)`
	b, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(strings.NewReader(string(b)))
	return string(b)
}

// rewrite sets a body of its own making, read from nothing: it buffers
// nothing.
func rewrite(r *http.Request, v any) {
	data, _ := json.Marshal(v)
	r.Body = io.NopCloser(bytes.NewReader(data))
}

func getModel(r *http.Request) string { // want getModel:"buffers the body of parameter 0, read by reusable.GetRequestBody" getModel:"reads body of parameter 0 whole: UnmarshalBodyReusable"
	var m struct{ Model string }
	UnmarshalBodyReusable(r, &m)
	return m.Model
}

// Distribute buffers the body of every request it passes on.
func Distribute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Model", getModel(r)) // want `getModel\(r\) reads the whole request body into memory with no size limit \(getModel → UnmarshalBodyReusable → GetRequestBody → io.ReadAll\(r.Body\)\), and no handler of this package limits a request body`
		next.ServeHTTP(w, r)
	})
}

// Auth hands the request to getModel inside a handler it does not
// return: it buffers nothing it passes on.
func Auth(next http.Handler) http.Handler {
	check := func(w http.ResponseWriter, r *http.Request) {
		getModel(r)
	}
	_ = check
	return next
}

func relay(w http.ResponseWriter, r *http.Request) { // want relay:"buffers the body of parameter 1, read by reusable.copyBody"
	copyBody(r)
	readString(r)
	rewrite(r, nil)
}

func Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/relay", relay)
	return Auth(Distribute(mux))
}
