package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"net"
	"net/textproto"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crisislint/crisislint/internal/driver"
	"github.com/crisislint/crisislint/internal/report"
	"go.lsp.dev/jsonrpc2"
)

const (
	storeClean = `package store

import "database/sql"

// Open opens the database: MySQL, whose placeholder a fix writes.
func Open(dsn string) (*sql.DB, error) { return sql.Open("mysql", dsn) }

func ByName(db *sql.DB, name string) error {
	_, err := db.Query("SELECT id FROM users WHERE name = ?", name)
	return err
}
`
	// The comment puts non-ASCII text before the finding on its line:
	// "\t/* é𝄞 */ _, err := db.Query(" is 33 bytes, 30 UTF-16 units.
	storeInjected = `package store

import "database/sql"

// Open opens the database: MySQL, whose placeholder a fix writes.
func Open(dsn string) (*sql.DB, error) { return sql.Open("mysql", dsn) }

func ByName(db *sql.DB, name string) error {
	/* é𝄞 */ _, err := db.Query("SELECT id FROM users WHERE name = '" + name + "'")
	return err
}
`
)

func writeModule(t *testing.T) (dir, store string) {
	dir = t.TempDir()
	for name, text := range map[string]string{
		"go.mod":         "module example.com/app\n\ngo 1.26\n",
		"store/store.go": storeClean,
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, filepath.Join(dir, "store", "store.go")
}

// client is the editor's side of an in-process session.
type client struct {
	t     *testing.T
	conn  jsonrpc2.Conn
	diags chan PublishDiagnosticsParams
	code  chan int
}

func start(t *testing.T) *client {
	serverSide, clientSide := net.Pipe()
	c := &client{t: t, diags: make(chan PublishDiagnosticsParams, 16), code: make(chan int, 1)}
	go func() { c.code <- Serve(context.Background(), serverSide, "test") }()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewHeaderStream(clientSide), jsonrpc2.WithCodec(codec{}))
	c.conn.Go(context.Background(), func(_ context.Context, req *jsonrpc2.Request) (any, error) {
		switch req.Method() {
		case "textDocument/publishDiagnostics":
			var p PublishDiagnosticsParams
			if err := json.Unmarshal(req.Params(), &p); err != nil {
				t.Errorf("publishDiagnostics: %v", err)
			}
			c.diags <- p
		case "window/logMessage":
			t.Logf("server: %s", req.Params())
		}
		return nil, nil
	})
	t.Cleanup(func() { _ = c.conn.Close() })
	return c
}

func (c *client) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *client) notify(method string, params any) {
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// wait returns the next diagnostics published for uri at version.
func (c *client) wait(uri string, version int) PublishDiagnosticsParams {
	c.t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case p := <-c.diags:
			if p.URI == uri && p.Version != nil && *p.Version == version {
				return p
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics for %s at version %d", uri, version)
		}
	}
}

// applyEdits applies LSP text edits to text, last first.
func applyEdits(text string, edits []TextEdit) string {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b TextEdit) int {
		if before(a.Range.Start, b.Range.Start) {
			return 1
		}
		return -1
	})
	b := []byte(text)
	for _, e := range edits {
		r := e.Range
		b = applyChange(b, ContentChange{Range: &r, Text: e.NewText})
	}
	return string(b)
}

// An editor's session: initialize, open an unsaved buffer with a finding
// (the file on disk is clean), take the quick fix, apply it, see the
// diagnostics go, save, shut down.
func TestSession(t *testing.T) {
	_, store := writeModule(t)
	uri := fileURI(store)
	c := start(t)

	var init InitializeResult
	if err := c.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}, &init); err != nil {
		t.Fatal(err)
	}
	if init.Capabilities.PositionEncoding != "utf-16" || init.Capabilities.TextDocumentSync.Change != 1 ||
		!slices.Contains(init.Capabilities.CodeActionProvider.CodeActionKinds, "quickfix") {
		t.Errorf("capabilities %+v", init.Capabilities)
	}
	c.notify("initialized", map[string]any{})

	c.notify("textDocument/didOpen", DidOpenParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "go", Version: 1, Text: storeInjected}})
	p := c.wait(uri, 1)
	if len(p.Diagnostics) != 1 {
		t.Fatalf("want one diagnostic on the unsaved buffer, got %+v", p.Diagnostics)
	}
	d := p.Diagnostics[0]
	if d.Source != "sqlconcat" || d.Code != "sqlconcat" || d.CodeDescription == nil ||
		!strings.HasSuffix(d.CodeDescription.Href, "/analyzers/sqlconcat") {
		t.Errorf("source %q, code %q, codeDescription %+v", d.Source, d.Code, d.CodeDescription)
	}
	if d.Severity < SeverityError || d.Severity > SeverityInformation {
		t.Errorf("severity %d", d.Severity)
	}
	if want := (Position{Line: 8, Character: 30}); d.Range.Start != want {
		t.Errorf("range starts at %+v, want %+v (UTF-16 units, not bytes)", d.Range.Start, want)
	}

	// No fix for an unsaved buffer (the analyzers take fix text from the
	// file on disk); saved, the fix is there.
	var actions []CodeAction
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: d.Range}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 0 {
		t.Errorf("a fix offered on an unsaved buffer: %+v", actions)
	}
	if err := os.WriteFile(store, []byte(storeInjected), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	c.notify("textDocument/didSave", DidSaveParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	if p := c.wait(uri, 1); len(p.Diagnostics) != 1 {
		t.Errorf("after save: %+v", p.Diagnostics)
	}
	t.Logf("didSave to diagnostics: %v", time.Since(start))
	if err := c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: d.Range}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Kind != "quickfix" || len(actions[0].Edit.DocumentChanges) != 1 {
		t.Fatalf("code actions %+v", actions)
	}
	change := actions[0].Edit.DocumentChanges[0]
	if change.TextDocument.URI != uri || change.TextDocument.Version == nil || *change.TextDocument.Version != 1 {
		t.Errorf("the fix edits %+v, want %s at version 1", change.TextDocument, uri)
	}
	fixed := applyEdits(storeInjected, change.Edits)
	if !strings.Contains(fixed, `db.Query("SELECT id FROM users WHERE name = ?", name)`) {
		t.Errorf("the fixed text:\n%s", fixed)
	}

	c.notify("textDocument/didChange", DidChangeParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: ptr(2)},
		ContentChanges: []ContentChange{{Text: fixed}},
	})
	if p := c.wait(uri, 2); len(p.Diagnostics) != 0 {
		t.Errorf("after the fix: %+v", p.Diagnostics)
	}

	// An incremental change brings the finding back.
	c.notify("textDocument/didChange", DidChangeParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: ptr(3)},
		ContentChanges: []ContentChange{{Range: &Range{Start: Position{Line: 8, Character: 0}, End: Position{Line: 9, Character: 0}}, Text: strings.Split(storeInjected, "\n")[8] + "\n"}},
	})
	if p := c.wait(uri, 3); len(p.Diagnostics) != 1 {
		t.Errorf("after an incremental change: %+v", p.Diagnostics)
	}

	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	c.notify("exit", nil)
	select {
	case code := <-c.code:
		if code != 0 {
			t.Errorf("exit code %d after shutdown, want 0", code)
		}
	case <-time.After(time.Minute):
		t.Fatal("the server did not exit")
	}
}

func ptr(v int) *int { return &v }

// rawConn speaks the wire protocol by hand, to send what no well-behaved
// client library would. It reads all the while, as a client must (the
// server's writes wait for it).
type rawConn struct {
	t      *testing.T
	conn   net.Conn
	frames chan []byte
}

func newRawConn(t *testing.T, conn net.Conn) *rawConn {
	c := &rawConn{t: t, conn: conn, frames: make(chan []byte, 100)}
	go func() {
		defer close(c.frames)
		r := bufio.NewReader(conn)
		for {
			h, err := textproto.NewReader(r).ReadMIMEHeader()
			if err != nil {
				return
			}
			n, _ := strconv.Atoi(h.Get("Content-Length"))
			body := make([]byte, n)
			if _, err := io.ReadFull(r, body); err != nil {
				return
			}
			c.frames <- body
		}
	}()
	return c
}

func (c *rawConn) send(body string) {
	c.t.Helper()
	if _, err := fmt.Fprintf(c.conn, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatal(err)
	}
}

// response reads frames until the response with the given id (raw JSON,
// "null" for none) and returns its error code, 0 for a result.
func (c *rawConn) response(id string) int {
	c.t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		var body []byte
		select {
		case b, ok := <-c.frames:
			if !ok {
				c.t.Fatalf("the server hung up before answering %s", id)
			}
			body = b
		case <-timeout:
			c.t.Fatalf("no response %s", id)
		}
		var msg struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
			Error  *struct {
				Code int `json:"code"`
			} `json:"error"`
		}
		if err := json.Unmarshal(body, &msg); err != nil {
			c.t.Fatalf("the server sent %q: %v", body, err)
		}
		if msg.Method != "" || string(msg.ID) != id {
			continue
		}
		if msg.Error != nil {
			return msg.Error.Code
		}
		return 0
	}
}

// Malformed messages and broken files get answers, not a dead server.
func TestRobust(t *testing.T) {
	dir, store := writeModule(t)
	serverSide, clientSide := net.Pipe()
	code := make(chan int, 1)
	go func() { code <- Serve(context.Background(), serverSide, "test") }()
	c := newRawConn(t, clientSide)
	defer func() { _ = clientSide.Close() }()

	c.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
	if got := c.response("1"); got != 0 {
		t.Fatalf("initialize: error %d", got)
	}
	c.send(`{"jsonrpc":"2.0","id":2,"method":`) // not JSON
	if got := c.response("null"); got != int(jsonrpc2.ParseError) {
		t.Errorf("a body that is not JSON: code %d, want %d", got, jsonrpc2.ParseError)
	}
	c.send(`{"jsonrpc":"2.0","id":3,"method":"textDocument/codeAction","params":{"textDocument":5}}`)
	if got := c.response("3"); got != int(jsonrpc2.InvalidParams) {
		t.Errorf("params of the wrong type: code %d, want %d", got, jsonrpc2.InvalidParams)
	}
	c.send(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":42}}}`)
	c.send(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"http://example.com/x.go","text":"x"}}}`)
	c.send(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nowhere/x.go"},"contentChanges":[{"range":{"start":{"line":99,"character":99},"end":{"line":-1,"character":0}},"text":"x"}]}}`)
	c.send(`{"jsonrpc":"2.0","id":4,"method":"no/such/method"}`)
	if got := c.response("4"); got != int(jsonrpc2.MethodNotFound) {
		t.Errorf("an unknown method: code %d, want %d", got, jsonrpc2.MethodNotFound)
	}

	// A file that does not parse, changed with out-of-range positions, and
	// a codeAction at a range past its end.
	broken, _ := json.Marshal(DidOpenParams{TextDocument: TextDocumentItem{URI: fileURI(store), Version: 1, Text: "package store\n\nfunc F( {\n"}})
	c.send(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":` + string(broken) + `}`)
	weird, _ := json.Marshal(DidChangeParams{TextDocument: VersionedTextDocumentIdentifier{URI: fileURI(store), Version: ptr(2)},
		ContentChanges: []ContentChange{{Range: &Range{Start: Position{Line: 40, Character: 3}, End: Position{Line: 1, Character: 500}}, Text: "é"}}})
	c.send(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":` + string(weird) + `}`)
	c.send(`{"jsonrpc":"2.0","method":"textDocument/didSave","params":{"textDocument":{"uri":"` + fileURI(store) + `"}}}`)
	action, _ := json.Marshal(CodeActionParams{TextDocument: TextDocumentIdentifier{URI: fileURI(filepath.Join(dir, "store", "store.go"))}, Range: Range{End: Position{Line: 1000}}})
	c.send(`{"jsonrpc":"2.0","id":5,"method":"textDocument/codeAction","params":` + string(action) + `}`)
	if got := c.response("5"); got != 0 {
		t.Errorf("codeAction on a broken file: code %d", got)
	}
	time.Sleep(time.Second) // let the analysis of the broken file run

	c.send(`{"jsonrpc":"2.0","id":6,"method":"shutdown"}`)
	if got := c.response("6"); got != 0 {
		t.Errorf("shutdown: code %d", got)
	}
	c.send(`{"jsonrpc":"2.0","method":"exit"}`)
	select {
	case got := <-code:
		if got != 0 {
			t.Errorf("exit code %d", got)
		}
	case <-time.After(time.Minute):
		t.Fatal("the server did not exit")
	}
}

func TestPositions(t *testing.T) {
	text := []byte("ab\né𝄞x\n")
	for _, tc := range []struct {
		offset int
		pos    Position
	}{
		{0, Position{0, 0}}, {2, Position{0, 2}}, {3, Position{1, 0}},
		{5, Position{1, 1}}, {9, Position{1, 3}}, {10, Position{1, 4}}, {11, Position{2, 0}},
	} {
		if got := positionOf(text, tc.offset); got != tc.pos {
			t.Errorf("positionOf(%d) = %+v, want %+v", tc.offset, got, tc.pos)
		}
		if got := offsetOf(text, tc.pos); got != tc.offset {
			t.Errorf("offsetOf(%+v) = %d, want %d", tc.pos, got, tc.offset)
		}
	}
	if got := offsetOf(text, Position{Line: 9, Character: 9}); got != len(text) {
		t.Errorf("a position past the end: %d", got)
	}
}

// Severity maps to DiagnosticSeverity; the other places of a root cause
// are related information.
func TestDiagnostic(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.go")
	text := []byte("package a\n\nfunc F() {}\n\nfunc G() {}\n")
	at := func(off int) token.Position { return token.Position{Filename: file, Offset: off} }
	r := &result{texts: map[string][]byte{file: text}}
	s := &Server{}
	for sev, want := range map[report.Severity]DiagnosticSeverity{report.Error: SeverityError, report.Warning: SeverityWarning, report.Note: SeverityInformation} {
		d := s.diagnostic(r, driver.Finding{Analyzer: "queryinloop", Pos: at(11), End: at(15), Message: "m", Severity: sev,
			Related: []driver.Related{{Pos: at(24), End: at(28), Message: "also"}}})
		if d.Severity != want {
			t.Errorf("%v: severity %d, want %d", sev, d.Severity, want)
		}
		if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Message != "also" ||
			d.RelatedInformation[0].Location != (Location{URI: fileURI(file), Range: Range{Start: Position{4, 0}, End: Position{4, 4}}}) {
			t.Errorf("related %+v", d.RelatedInformation)
		}
	}
}
