package driver

import (
	"bytes"
	"os"
	"unicode/utf16"
	"unicode/utf8"
)

// sources reads the files findings lie in, once each, for the outputs
// that count columns in UTF-16 code units (SARIF as code scanning reads
// it, LSP): a token.Position counts bytes. Files an editor has not saved
// come from the overlay.
type sources struct {
	overlay map[string][]byte
	files   map[string][]byte
}

func newSources(overlay map[string][]byte) *sources {
	return &sources{overlay: overlay, files: make(map[string][]byte)}
}

func (s *sources) read(name string) []byte {
	if b, ok := s.overlay[name]; ok {
		return b
	}
	b, ok := s.files[name]
	if !ok {
		b, _ = os.ReadFile(name) // nil: columns stay byte counts
		s.files[name] = b
	}
	return b
}

// utf16Column returns the 1-based UTF-16 column of the byte offset in
// content, on its line. Past the end of content (a file changed since it
// was analyzed) the byte column is the best guess there is.
func utf16Column(content []byte, offset, byteColumn int) int {
	if offset < 0 || offset > len(content) {
		return byteColumn
	}
	start := bytes.LastIndexByte(content[:offset], '\n') + 1
	n := 0
	for b := content[start:offset]; len(b) > 0; {
		r, size := utf8.DecodeRune(b) // an invalid byte is U+FFFD: one unit
		n += utf16.RuneLen(r)
		b = b[size:]
	}
	return n + 1
}

// lineColumn returns the 1-based line and UTF-16 column of a byte offset.
func lineColumn(content []byte, offset int) (line, column int) {
	offset = min(max(offset, 0), len(content))
	line = bytes.Count(content[:offset], []byte{'\n'}) + 1
	return line, utf16Column(content, offset, 1)
}
