// Package readerapi hands request bodies to the reader helpers of // want package:"wants a body limit" package:"imports readerutil, requtil"
// readerutil, a package that imports no web package.
package readerapi

import (
	"net/http"
	"strings"

	"readerutil"
	"requtil"
)

type patchOpts struct{ Description string }

func submitPatch(w http.ResponseWriter, r *http.Request) {
	var opts patchOpts
	if err := readerutil.ReadJSONInto(r.Body, &opts); err != nil { // want `^error: readerutil.ReadJSONInto\(r.Body, &opts\) reads the whole request body into memory with no size limit \(ReadJSONInto → ioutil.ReadAll\(r\)\): one large request can exhaust the heap; limit it first with r.Body = http.MaxBytesReader\(w, r.Body, maxBodyBytes\)$`
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

func create(w http.ResponseWriter, r *http.Request) {
	var v struct{ A string }
	readerutil.Decode(r.Body, &v) // want `^error: readerutil.Decode\(r.Body, &v\) reads the whole request body into memory with no size limit \(Decode → io.ReadAll\(rd\)\)`
}

func update(w http.ResponseWriter, r *http.Request) {
	var v struct{ A string }
	readerutil.DecodeJSON(&v, r.Body) // want `^error: readerutil.DecodeJSON\(&v, r.Body\) decodes the request body with no size limit \(DecodeJSON → json.NewDecoder\(rd\)\)`
}

func load(w http.ResponseWriter, r *http.Request) {
	readerutil.Load(r.Body) // want `^error: readerutil.Load\(r.Body\) reads the whole request body into memory with no size limit \(Load → Decode → io.ReadAll\(rd\)\)`
}

// --- not reported ---

// The fix evergreen made: the body wrapped in a limited reader.
func submitPatchFixed(w http.ResponseWriter, r *http.Request) {
	var opts patchOpts
	if err := readerutil.ReadJSONInto(requtil.NewRequestReader(r), &opts); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

func createLimited(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	var v struct{ A string }
	readerutil.Decode(r.Body, &v)
}

func createWrapped(w http.ResponseWriter, r *http.Request) {
	var v struct{ A string }
	readerutil.Decode(http.MaxBytesReader(w, r.Body, 1<<20), &v)
}

func capped(w http.ResponseWriter, r *http.Request) {
	var v struct{ A string }
	readerutil.DecodeCapped(r.Body, &v)
	readerutil.ReadCapped(r.Body)
	readerutil.ReadBounded(r.Body)
	readerutil.CopyTo(w, r.Body)
}

func notTheBody(w http.ResponseWriter, r *http.Request) {
	var v struct{ A string }
	readerutil.Decode(strings.NewReader(r.URL.Query().Get("q")), &v)
	resp, err := http.Get("http://example.com")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	readerutil.Decode(resp.Body, &v)
}
