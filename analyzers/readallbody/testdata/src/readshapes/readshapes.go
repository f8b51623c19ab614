// Package readshapes reads bodies and uploads whole by other names // want package:"wants a body limit"
// than io.ReadAll of r.Body.
package readshapes

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"strings"
)

const maxBodyBytes = 1 << 20

func copyToBuffer(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, r.Body); err != nil { // want `io.Copy\(&buf, r.Body\) reads the whole request body into memory with no size limit`
		return
	}
	w.Write(buf.Bytes())
}

func copyToBuilder(w http.ResponseWriter, r *http.Request) {
	sb := new(strings.Builder)
	io.CopyBuffer(sb, r.Body, make([]byte, 4096)) // want `io.CopyBuffer\(sb, r.Body, make\(\[\]byte, 4096\)\) reads the whole request body`
}

// ingest reads a gzip-encoded body whole, or the body itself.
func ingest(w http.ResponseWriter, r *http.Request) {
	body := io.Reader(r.Body)
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			return
		}
		defer zr.Close()
		body = zr
	}
	b, _ := io.ReadAll(body) // want `io.ReadAll\(body\) reads the whole request body into memory with no size limit`
	w.Write(b)
}

func parts(w http.ResponseWriter, r *http.Request) {
	mr, err := r.MultipartReader()
	if err != nil {
		return
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			break
		}
		data, _ := io.ReadAll(part) // want `io.ReadAll\(part\) reads the uploaded file whole into memory`
		_ = data
	}
}

func formFiles(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		return
	}
	for _, fh := range r.MultipartForm.File["files"] {
		f, err := fh.Open()
		if err != nil {
			continue
		}
		data, _ := io.ReadAll(f) // want `io.ReadAll\(f\) reads the uploaded file whole into memory`
		f.Close()
		_ = data
	}
	form := r.MultipartForm
	f, _ := form.File["avatar"][0].Open()
	io.ReadAll(f) // want `io.ReadAll\(f\) reads the uploaded file whole into memory`
}

// --- not reported ---

// Streamed to disk: nothing is kept in memory.
func copyToFile(w http.ResponseWriter, r *http.Request) {
	f, _ := os.Create("/tmp/up")
	defer f.Close()
	io.Copy(f, r.Body)
	mr, _ := r.MultipartReader()
	part, _ := mr.NextPart()
	io.Copy(f, part)
}

// Bounded copies.
func bounded(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	io.CopyN(&buf, r.Body, 1<<20)
	io.Copy(&buf, io.LimitReader(r.Body, 1<<20))
}

// A body limited before the decompressor reads it is limited in what it
// reads; one variable that is limited on the way may be what is read.
func limitedGzip(w http.ResponseWriter, r *http.Request) {
	body := io.Reader(r.Body)
	body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	zr, _ := gzip.NewReader(body)
	io.ReadAll(zr)
}

// A body limited first.
func limitedCopy(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	var buf bytes.Buffer
	io.Copy(&buf, r.Body)
}

// An outbound response's body.
func outbound(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://backend/")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	io.Copy(&buf, resp.Body)
}
