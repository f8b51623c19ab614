// Package lsp is crisislint's language server: crisislint lsp speaks the
// Language Server Protocol over stdin and stdout, beside gopls (which
// cannot load analyzers from outside x/tools). It publishes the findings
// of the packages of the open files on open, change and save (unsaved
// text reaches the analysis through packages.Config.Overlay), offers each
// finding's suggested fix as a quick fix, counts columns in UTF-16 code
// units, names the analyzer as the diagnostic's source and code, and
// links its documentation (what crisislint -explain prints) through
// codeDescription.
//
// It never gives up on a message: a body that is not JSON is answered
// with a parse error, params that do not fit with InvalidParams, a panic
// in a handler with InternalError, and a file that does not parse costs
// its package's findings (logged), not the session.
package lsp

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/driver"
	"github.com/crisislint/crisislint/internal/engine"
	"github.com/crisislint/crisislint/internal/report"
	"go.lsp.dev/jsonrpc2"
	"golang.org/x/tools/go/analysis"
)

// changeDelay lets a burst of keystrokes settle into one analysis; open
// and save analyze at once.
const changeDelay = 300 * time.Millisecond

// Server is one session with one client.
type Server struct {
	conn      jsonrpc2.Conn
	analyzers []*analysis.Analyzer
	version   string
	// graphs keeps the package graph from one save to the next: listing
	// it costs the go command more than analyzing the package.
	graphs *engine.Graphs

	mu       sync.Mutex
	docs     map[string]*document // open files, by absolute name
	results  map[string]*result   // the last analysis of each file published
	pending  map[string]bool      // files waiting for analysis
	timer    *time.Timer
	shutdown bool

	wake chan struct{}
	exit chan int
}

type document struct {
	uri     string
	version int
	text    []byte // replaced, never changed in place: analyses share it
}

// result is what one analysis found in one file, with the texts and
// versions it read, to turn byte offsets into positions and fixes into
// edits of the right version.
type result struct {
	findings []driver.Finding
	texts    map[string][]byte
	versions map[string]int
}

// Serve runs a session over rwc until the client says exit or hangs up,
// and returns the exit code the protocol asks for: 0 after shutdown, 1
// otherwise.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, version string) int {
	s := &Server{
		analyzers: analyzers.All,
		version:   version,
		graphs:    engine.NewGraphs(),
		docs:      make(map[string]*document),
		results:   make(map[string]*result),
		pending:   make(map[string]bool),
		wake:      make(chan struct{}, 1),
		exit:      make(chan int, 1),
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.conn = jsonrpc2.NewConn(newStream(rwc), jsonrpc2.WithCodec(codec{}))
	s.conn.Go(ctx, s.handle)
	go s.work(ctx)
	code := 1
	select {
	case code = <-s.exit:
	case <-s.conn.Done():
	case <-ctx.Done():
	}
	cancel()
	_ = s.conn.Close()
	return code
}

// handle answers one message. Nothing a client sends may stop the
// server: a panic is an InternalError, and a notification that fails is
// logged, since jsonrpc2 ends the connection when a notification's
// handler returns an error (it has no response to carry it).
func (s *Server) handle(_ context.Context, req *jsonrpc2.Request) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = jsonrpc2.Errorf(jsonrpc2.InternalError, "crisislint: %s: %v (please report it)", req.Method(), r)
		}
		if err != nil && !req.IsCall() {
			s.logf(1, "%s: %v", req.Method(), err)
			result, err = nil, nil
		}
	}()
	return s.dispatch(req)
}

func (s *Server) dispatch(req *jsonrpc2.Request) (any, error) {
	params := req.Params()
	switch req.Method() {
	case "initialize":
		var p InitializeParams
		if err := decode(params, &p); err != nil {
			return nil, invalid(err)
		}
		return InitializeResult{
			Capabilities: ServerCapabilities{
				PositionEncoding:   "utf-16",
				TextDocumentSync:   TextDocumentSync{OpenClose: true, Change: 1, Save: SaveOptions{IncludeText: false}},
				CodeActionProvider: CodeActionProvider{CodeActionKinds: []string{"quickfix"}},
			},
			ServerInfo: ServerInfo{Name: "crisislint", Version: s.version},
		}, nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case "exit":
		s.mu.Lock()
		code := 1
		if s.shutdown {
			code = 0
		}
		s.mu.Unlock()
		select {
		case s.exit <- code:
		default:
		}
		return nil, nil
	case "textDocument/didOpen":
		var p DidOpenParams
		if err := decode(params, &p); err != nil {
			return nil, invalid(err)
		}
		if name, ok := fileName(p.TextDocument.URI); ok {
			s.mu.Lock()
			s.docs[name] = &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
			s.mu.Unlock()
			s.schedule(name, 0)
		}
		return nil, nil
	case "textDocument/didChange":
		var p DidChangeParams
		if err := decode(params, &p); err != nil {
			return nil, invalid(err)
		}
		name, ok := fileName(p.TextDocument.URI)
		if !ok {
			return nil, nil
		}
		s.mu.Lock()
		doc := s.docs[name]
		if doc != nil {
			text := doc.text
			for _, c := range p.ContentChanges {
				text = applyChange(text, c)
			}
			next := &document{uri: doc.uri, version: doc.version + 1, text: text}
			if p.TextDocument.Version != nil {
				next.version = *p.TextDocument.Version
			}
			s.docs[name] = next
		}
		s.mu.Unlock()
		if doc != nil {
			s.schedule(name, changeDelay)
		}
		return nil, nil
	case "textDocument/didSave":
		var p DidSaveParams
		if err := decode(params, &p); err != nil {
			return nil, invalid(err)
		}
		if name, ok := fileName(p.TextDocument.URI); ok {
			if p.Text != nil {
				s.mu.Lock()
				if doc := s.docs[name]; doc != nil {
					s.docs[name] = &document{uri: doc.uri, version: doc.version, text: []byte(*p.Text)}
				}
				s.mu.Unlock()
			}
			s.schedule(name, 0)
		}
		return nil, nil
	case "textDocument/didClose":
		var p DidCloseParams
		if err := decode(params, &p); err != nil {
			return nil, invalid(err)
		}
		if name, ok := fileName(p.TextDocument.URI); ok {
			s.mu.Lock()
			delete(s.docs, name)
			delete(s.results, name)
			s.mu.Unlock()
			// What the editor shows for a closed file is gopls's business;
			// ours would go stale.
			s.publish(p.TextDocument.URI, nil, nil)
		}
		return nil, nil
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := decode(params, &p); err != nil {
			return nil, invalid(err)
		}
		return s.codeActions(p), nil
	}
	if req.IsCall() {
		return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "crisislint does not serve %s", req.Method())
	}
	return nil, nil // notifications it does not need: $/cancelRequest, initialized, ...
}

func invalid(err error) error {
	return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "crisislint: %v", err)
}

// schedule asks for the analysis of a file's package after delay.
func (s *Server) schedule(name string, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending[name] = true
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.AfterFunc(delay, func() {
		select {
		case s.wake <- struct{}{}:
		default:
		}
	})
}

// work analyzes what is pending, one analysis at a time.
func (s *Server) work(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		}
		s.mu.Lock()
		pending := s.pending
		s.pending = make(map[string]bool)
		s.mu.Unlock()
		if len(pending) > 0 {
			s.analyze(pending)
		}
	}
}

// analyze analyzes the packages of the pending files, with every open
// file's text, and publishes the findings of the open files in them.
func (s *Server) analyze(pending map[string]bool) {
	defer func() {
		if r := recover(); r != nil {
			s.logf(1, "internal error in crisislint: %v (please report it)", r)
		}
	}()
	s.mu.Lock()
	dirs := make(map[string]bool)
	for name := range pending {
		dirs[filepath.Dir(name)] = true
	}
	texts := make(map[string][]byte, len(s.docs))
	versions := make(map[string]int, len(s.docs))
	uris := make(map[string]string)
	var named []string
	for name, doc := range s.docs {
		texts[name], versions[name] = doc.text, doc.version
		if dirs[filepath.Dir(name)] {
			uris[name] = doc.uri
			if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
				named = append(named, name)
			}
		}
	}
	s.mu.Unlock()
	slices.Sort(named)

	byFile := make(map[string][]driver.Finding)
	if len(named) > 0 {
		out, err := driver.AnalyzeFiles(driver.Request{Overlay: texts, Analyzers: s.analyzers, Graphs: s.graphs}, named)
		if err != nil {
			s.logf(1, "crisislint: %v", err)
			return
		}
		for _, p := range out.Problems {
			s.logf(2, "crisislint: %s", p)
		}
		for _, f := range out.Findings {
			byFile[f.Pos.Filename] = append(byFile[f.Pos.Filename], f)
		}
	}
	res := make(map[string]*result)
	for name := range uris {
		res[name] = &result{findings: byFile[name], texts: texts, versions: versions}
	}
	s.mu.Lock()
	for name, r := range res {
		if doc := s.docs[name]; doc == nil || doc.version != r.versions[name] {
			delete(res, name) // closed or changed since: its own analysis follows
			continue
		}
		s.results[name] = r
	}
	s.mu.Unlock()
	names := make([]string, 0, len(res))
	for name := range res {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		r := res[name]
		v := r.versions[name]
		s.publish(uris[name], &v, s.diagnostics(r))
	}
}

func (s *Server) publish(uri string, version *int, diags []Diagnostic) {
	if diags == nil {
		diags = []Diagnostic{}
	}
	_ = s.conn.Notify(context.Background(), "textDocument/publishDiagnostics",
		PublishDiagnosticsParams{URI: uri, Version: version, Diagnostics: diags})
}

func (s *Server) diagnostics(r *result) []Diagnostic {
	var out []Diagnostic
	for _, f := range r.findings {
		out = append(out, s.diagnostic(r, f))
	}
	return out
}

func (s *Server) diagnostic(r *result, f driver.Finding) Diagnostic {
	d := Diagnostic{
		Range:    rangeOf(r.text(f.Pos.Filename), f.Pos.Offset, f.End.Offset),
		Severity: severity(f.Severity),
		Code:     f.Analyzer,
		Source:   f.Analyzer,
		Message:  f.Message,
	}
	if a := analyzers.ByName(f.Analyzer); a != nil && a.URL != "" {
		d.CodeDescription = &CodeDescription{Href: a.URL}
	}
	for _, rel := range f.Related {
		d.RelatedInformation = append(d.RelatedInformation, DiagnosticRelatedInformation{
			Location: Location{URI: fileURI(rel.Pos.Filename), Range: rangeOf(r.text(rel.Pos.Filename), rel.Pos.Offset, rel.End.Offset)},
			Message:  cmp.Or(rel.Message, f.Message),
		})
	}
	return d
}

func severity(s report.Severity) DiagnosticSeverity {
	switch s {
	case report.Error:
		return SeverityError
	case report.Note:
		return SeverityInformation
	}
	return SeverityWarning
}

// codeActions offers the fixes of the findings in range, when the file
// is still at the version the findings were computed for.
func (s *Server) codeActions(p CodeActionParams) []CodeAction {
	actions := []CodeAction{}
	name, ok := fileName(p.TextDocument.URI)
	if !ok {
		return actions
	}
	s.mu.Lock()
	r, doc := s.results[name], s.docs[name]
	s.mu.Unlock()
	if r == nil || doc == nil || doc.version != r.versions[name] {
		return actions
	}
	if len(p.Context.Only) > 0 && !slices.ContainsFunc(p.Context.Only, func(k string) bool { return k == "quickfix" || strings.HasPrefix("quickfix", k+".") }) {
		return actions
	}
	for _, f := range r.findings {
		diag := s.diagnostic(r, f)
		if f.Fix == nil || len(f.Fix.Edits) == 0 || !overlaps(diag.Range, p.Range) {
			continue
		}
		edit, ok := r.workspaceEdit(f.Fix)
		if !ok {
			continue
		}
		actions = append(actions, CodeAction{
			Title:       f.Fix.Message,
			Kind:        "quickfix",
			Diagnostics: []Diagnostic{diag},
			IsPreferred: true,
			Edit:        edit,
		})
	}
	return actions
}

// workspaceEdit turns a fix into edits of the versions the analysis read;
// a file that is not open is edited as it is on disk (version null).
//
// A fix is offered only where the editor's text is the file on disk: the
// analyzers read source text for their fixes through pass.ReadFile, which
// the go/analysis checker serves from disk, not from the overlay, so a fix
// computed on an unsaved buffer could splice in the saved text. Saving
// brings the fix back. (The engine can lift this by serving
// Request.Overlay through pass.ReadFile.)
func (r *result) workspaceEdit(fix *driver.Fix) (WorkspaceEdit, bool) {
	var we WorkspaceEdit
	index := make(map[string]int)
	for _, e := range fix.Edits {
		text := r.text(e.File)
		if text == nil || e.Start > len(text) || e.End > len(text) || e.Start > e.End {
			return WorkspaceEdit{}, false
		}
		if _, open := r.texts[e.File]; open {
			if disk, err := os.ReadFile(e.File); err != nil || !bytes.Equal(disk, text) {
				return WorkspaceEdit{}, false
			}
		}
		i, ok := index[e.File]
		if !ok {
			i = len(we.DocumentChanges)
			index[e.File] = i
			id := VersionedTextDocumentIdentifier{URI: fileURI(e.File)}
			if v, open := r.versions[e.File]; open {
				id.Version = &v
			}
			we.DocumentChanges = append(we.DocumentChanges, TextDocumentEdit{TextDocument: id})
		}
		dc := &we.DocumentChanges[i]
		dc.Edits = append(dc.Edits, TextEdit{Range: rangeOf(text, e.Start, e.End), NewText: e.New})
	}
	return we, true
}

func (r *result) text(name string) []byte {
	if t, ok := r.texts[name]; ok {
		return t
	}
	t, _ := os.ReadFile(name) // nil: no edit or position is made from it
	return t
}

func overlaps(a, b Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(p, q Position) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Character < q.Character
}

func (s *Server) logf(typ int, format string, args ...any) {
	_ = s.conn.Notify(context.Background(), "window/logMessage", LogMessageParams{Type: typ, Message: fmt.Sprintf(format, args...)})
}

// fileName returns the absolute file name of a file: URI.
func fileName(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	return filepath.Clean(filepath.FromSlash(u.Path)), true
}

func fileURI(name string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(name)}).String()
}

// rangeOf returns the LSP range of the byte offsets [start, end) in text.
func rangeOf(text []byte, start, end int) Range {
	return Range{Start: positionOf(text, start), End: positionOf(text, max(start, end))}
}

// positionOf returns the 0-based line and UTF-16 character of a byte
// offset in text.
func positionOf(text []byte, offset int) Position {
	offset = min(max(offset, 0), len(text))
	line := bytes.Count(text[:offset], []byte{'\n'})
	start := bytes.LastIndexByte(text[:offset], '\n') + 1
	char := 0
	for b := text[start:offset]; len(b) > 0; {
		r, size := utf8.DecodeRune(b)
		char += utf16.RuneLen(r)
		b = b[size:]
	}
	return Position{Line: line, Character: char}
}

// offsetOf returns the byte offset of an LSP position in text, clamped to
// the text: a client's stale or wrong position must not crash the server.
func offsetOf(text []byte, p Position) int {
	off := 0
	for line := 0; line < p.Line; line++ {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	for char := 0; char < p.Character && off < len(text) && text[off] != '\n'; {
		r, size := utf8.DecodeRune(text[off:])
		char += utf16.RuneLen(r)
		off += size
	}
	return off
}

// applyChange applies one content change: the whole text, or an edit of
// a range of it.
func applyChange(text []byte, c ContentChange) []byte {
	if c.Range == nil {
		return []byte(c.Text)
	}
	start, end := offsetOf(text, c.Range.Start), offsetOf(text, c.Range.End)
	if end < start {
		start, end = end, start
	}
	out := make([]byte, 0, len(text)-(end-start)+len(c.Text))
	out = append(out, text[:start]...)
	out = append(out, c.Text...)
	return append(out, text[end:]...)
}

// Stdio joins standard input and output into the connection a client
// starts crisislint lsp with.
type Stdio struct {
	In  io.ReadCloser
	Out io.WriteCloser
}

// Read reads standard input.
func (s Stdio) Read(p []byte) (int, error) { return s.In.Read(p) }

// Write writes standard output.
func (s Stdio) Write(p []byte) (int, error) { return s.Out.Write(p) }

// Close closes both.
func (s Stdio) Close() error { return errors.Join(s.In.Close(), s.Out.Close()) }
