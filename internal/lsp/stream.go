package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"go.lsp.dev/jsonrpc2"
)

// tolerantStream reads LSP frames like jsonrpc2's header stream, but a
// frame whose body is not a JSON-RPC message is answered with a parse
// error and skipped, as JSON-RPC 2.0 asks, instead of ending the session:
// the Content-Length header says where the next message starts. A frame
// whose header is broken cannot be skipped, and ends it.
type tolerantStream struct {
	jsonrpc2.Stream // Write and Close; not ReadFrame, so the connection calls Read
	frames          interface {
		ReadFrame(ctx context.Context) ([]byte, int64, error)
	}
}

func newStream(rwc io.ReadWriteCloser) jsonrpc2.Stream {
	s := jsonrpc2.NewHeaderStream(rwc)
	frames, ok := s.(interface {
		ReadFrame(ctx context.Context) ([]byte, int64, error)
	})
	if !ok {
		return s
	}
	return &tolerantStream{Stream: s, frames: frames}
}

func (s *tolerantStream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		frame, n, err := s.frames.ReadFrame(ctx)
		if err != nil {
			return nil, n, err
		}
		msg, err := jsonrpc2.DecodeMessage(frame)
		if err == nil {
			return msg, n, nil
		}
		parseErr := jsonrpc2.Errorf(jsonrpc2.ParseError, "crisislint: not a JSON-RPC message: %v", err)
		if _, werr := s.Write(ctx, jsonrpc2.NewResponse(jsonrpc2.ID{}, nil, parseErr)); werr != nil {
			return nil, n, werr
		}
	}
}

// codec encodes payloads with encoding/json, whose rules (omitempty, nil
// slices as null) the protocol types above are written for.
type codec struct{}

func (codec) Marshal(v any) ([]byte, error) {
	switch v := v.(type) {
	case jsonrpc2.RawMessage:
		if v == nil {
			return []byte("null"), nil
		}
		return v, nil
	case json.RawMessage:
		if v == nil {
			return []byte("null"), nil
		}
		return v, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func (codec) Unmarshal(data []byte, v any) error {
	if raw, ok := v.(*jsonrpc2.RawMessage); ok {
		*raw = append(jsonrpc2.RawMessage(nil), data...)
		return nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %v", jsonrpc2.ErrInvalidParams, err)
	}
	return nil
}
