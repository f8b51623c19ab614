// Package readerutil has helpers that read the reader they are given, // want package:"reads bodies"
// and imports no web package: a handler of another package that hands
// them a request's body is reported at its call (evergreen's
// util.ReadJSONInto(r.Body, &opts)).
package readerutil

import (
	"bytes"
	"encoding/json"
	"io"
	"io/ioutil"
	"strings"
)

const maxBytes = 1 << 20

func Decode(rd io.Reader, v any) error { // want Decode:"reads body of parameter 0 whole: io.ReadAll\\(rd\\)"
	b, err := io.ReadAll(rd)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func ReadJSONInto(r io.ReadCloser, data interface{}) error { // want ReadJSONInto:"reads body of parameter 0 whole: ioutil.ReadAll\\(r\\)"
	defer r.Close()
	b, err := ioutil.ReadAll(r)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, data)
}

func DecodeJSON(v any, rd io.Reader) error { // want DecodeJSON:"reads body of parameter 1 whole: json.NewDecoder\\(rd\\)"
	return json.NewDecoder(rd).Decode(v)
}

// Load reads what Decode reads: a helper of a helper.
func Load(rd io.Reader) (map[string]any, error) { // want Load:"reads body of parameter 0 whole: Decode → io.ReadAll\\(rd\\)"
	var m map[string]any
	return m, Decode(rd, &m)
}

// --- no fact: the helper bounds what it reads, or does not keep it ---

func DecodeCapped(rd io.Reader, v any) error {
	return json.NewDecoder(io.LimitReader(rd, maxBytes)).Decode(v)
}

func ReadCapped(rd io.Reader) ([]byte, error) {
	lr := &io.LimitedReader{R: rd, N: maxBytes}
	return io.ReadAll(lr)
}

// ReadBounded replaces its parameter with a limited reader before reading.
func ReadBounded(rd io.Reader) ([]byte, error) {
	rd = io.LimitReader(rd, maxBytes)
	return io.ReadAll(rd)
}

func CopyTo(dst io.Writer, rd io.Reader) error {
	_, err := io.Copy(dst, rd)
	return err
}

func Words(s string) ([]byte, error) {
	return io.ReadAll(strings.NewReader(s))
}

func Buffered(b []byte) ([]byte, error) {
	return io.ReadAll(bytes.NewReader(b))
}
