// Package nethttp exercises readallbody on net/http handlers. // want package:"reads bodies" package:"wants a body limit"
package nethttp

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"io/ioutil"
	"net/http"
)

type order struct{ ID int }

func readAll(w http.ResponseWriter, r *http.Request) {
	data, _ := io.ReadAll(r.Body) // want `^error: io.ReadAll\(r.Body\) reads the whole request body into memory with no size limit: one large request can exhaust the heap; limit it first with r.Body = http.MaxBytesReader\(w, r.Body, maxBodyBytes\)`
	w.Write(data)
}

func decodeJSON(w http.ResponseWriter, req *http.Request) {
	var o order
	if err := json.NewDecoder(req.Body).Decode(&o); err != nil { // want `^error: json.NewDecoder\(req.Body\) decodes the request body with no size limit`
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

func legacy(w http.ResponseWriter, r *http.Request) {
	ioutil.ReadAll(r.Body) // want `^error: ioutil.ReadAll\(r.Body\) reads the whole request body`
}

func buffered(w http.ResponseWriter, r *http.Request) {
	var b bytes.Buffer
	b.ReadFrom(r.Body) // want `^error: b.ReadFrom\(r.Body\) reads the whole request body`
}

func decodeXML(w http.ResponseWriter, r *http.Request) {
	var o order
	xml.NewDecoder(r.Body).Decode(&o) // want `^error: xml.NewDecoder\(r.Body\) decodes the request body`
}

func upload(w http.ResponseWriter, r *http.Request) {
	file, _, err := r.FormFile("avatar")
	if err != nil {
		return
	}
	defer file.Close()
	io.ReadAll(file) // want `^error: io.ReadAll\(file\) reads the uploaded file whole into memory: one large upload can exhaust the heap; stream it to disk or storage with io.Copy`
}

func multipartForm(w http.ResponseWriter, r *http.Request) {
	r.ParseMultipartForm(512 << 20) // want `^warning: r.ParseMultipartForm\(512 << 20\) keeps up to 512 MiB of every multipart request in memory`
	r.ParseMultipartForm(32 << 20)
}

type api struct{}

func (api) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want ServeHTTP:"reads body of parameter 1 whole"
	body := r.Body
	io.ReadAll(body) // want `^error: io.ReadAll\(body\) reads the whole request body`
}

func routes(mux *http.ServeMux) {
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body) // want `^error: io.ReadAll\(r.Body\) reads the whole request body`
	})
	mux.HandleFunc("/short", func(w http.ResponseWriter, r *http.Request) { io.ReadAll(r.Body) }) // want `^error: io.ReadAll\(r.Body\) reads the whole request body`
}

// --- helpers: reported where a handler calls them ---

func decode(r *http.Request, v any) error { // want decode:"reads body of parameter 0 whole: json.NewDecoder\\(r.Body\\)"
	return json.NewDecoder(r.Body).Decode(v)
}

func slurp(rd io.Reader) []byte { // want slurp:"reads body of parameter 0 whole: io.ReadAll\\(rd\\)"
	b, _ := io.ReadAll(rd)
	return b
}

func create(w http.ResponseWriter, r *http.Request) {
	var o order
	decode(r, &o) // want `^error: decode\(r, &o\) decodes the request body with no size limit \(decode → json.NewDecoder\(r.Body\)\)`
}

func echoBody(w http.ResponseWriter, r *http.Request) {
	w.Write(slurp(r.Body)) // want `^error: slurp\(r.Body\) reads the whole request body into memory with no size limit \(slurp → io.ReadAll\(rd\)\)`
}

// --- not reported ---

func limited(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	io.ReadAll(r.Body)
	var o order
	decode(r, &o)
}

func limitReader(w http.ResponseWriter, r *http.Request) {
	io.ReadAll(io.LimitReader(r.Body, 1<<20))
	lr := &io.LimitedReader{R: r.Body, N: 1 << 20}
	io.ReadAll(lr)
}

func outbound(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://example.com")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	io.ReadAll(resp.Body)
	slurp(resp.Body)
}

func notAHandler(r *http.Request) []byte { // want notAHandler:"reads body of parameter 0 whole"
	b, _ := io.ReadAll(r.Body) // a helper: reported where a handler calls it
	return b
}

func suppressed(w http.ResponseWriter, r *http.Request) {
	//crisislint:ignore readallbody the proxy in front caps bodies at 64 KiB
	io.ReadAll(r.Body)
}
