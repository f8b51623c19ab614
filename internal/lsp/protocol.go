package lsp

import "encoding/json"

// The part of the Language Server Protocol (3.17) that crisislint speaks.
// The types are ours: the Go LSP type libraries on the module proxy are
// either internal to gopls or stale (go.lsp.dev/protocol was last
// released in 2022, on an older jsonrpc2 with zap), and these few are
// simpler to keep than a dependency.

// Position a place in a text document: 0-based line and UTF-16 character.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"` // UTF-16 code units
}

// Range the text between two positions, end exclusive.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Location a range in a file.
type Location struct {
	URI   string `json:"uri"`
	Range Range  `json:"range"`
}

// TextDocumentIdentifier names a text document by its URI.
type TextDocumentIdentifier struct {
	URI string `json:"uri"`
}

// VersionedTextDocumentIdentifier names a text document at a version.
type VersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version *int   `json:"version"` // null: the file as it is on disk
}

// TextDocumentItem an opened document and its text.
type TextDocumentItem struct {
	URI        string `json:"uri"`
	LanguageID string `json:"languageId"`
	Version    int    `json:"version"`
	Text       string `json:"text"`
}

// DidOpenParams are the params of textDocument/didOpen.
type DidOpenParams struct {
	TextDocument TextDocumentItem `json:"textDocument"`
}

// DidChangeParams are the params of textDocument/didChange.
type DidChangeParams struct {
	TextDocument   VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []ContentChange                 `json:"contentChanges"`
}

// ContentChange is the whole text, or with a Range an edit of it.
type ContentChange struct {
	Range *Range `json:"range,omitempty"`
	Text  string `json:"text"`
}

// DidSaveParams are the params of textDocument/didSave.
type DidSaveParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Text         *string                `json:"text,omitempty"`
}

// DidCloseParams are the params of textDocument/didClose.
type DidCloseParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// InitializeParams are the params of initialize that crisislint reads.
type InitializeParams struct {
	ProcessID *int   `json:"processId"`
	RootURI   string `json:"rootUri,omitempty"`
}

// InitializeResult answers initialize.
type InitializeResult struct {
	Capabilities ServerCapabilities `json:"capabilities"`
	ServerInfo   ServerInfo         `json:"serverInfo"`
}

// ServerInfo names the server to the client.
type ServerInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// ServerCapabilities says what crisislint serves.
type ServerCapabilities struct {
	PositionEncoding   string             `json:"positionEncoding"`
	TextDocumentSync   TextDocumentSync   `json:"textDocumentSync"`
	CodeActionProvider CodeActionProvider `json:"codeActionProvider"`
}

// TextDocumentSync says which document events crisislint wants, and how.
type TextDocumentSync struct {
	OpenClose bool        `json:"openClose"`
	Change    int         `json:"change"` // 1: the whole text
	Save      SaveOptions `json:"save"`
}

// SaveOptions says whether didSave carries the text.
type SaveOptions struct {
	IncludeText bool `json:"includeText"`
}

// CodeActionProvider says which code actions crisislint offers.
type CodeActionProvider struct {
	CodeActionKinds []string `json:"codeActionKinds"`
}

// DiagnosticSeverity ranks a diagnostic: 1 error, 2 warning, 3 information, 4 hint.
type DiagnosticSeverity int

// The severities crisislint gives: report.Error, Warning and Note.
const (
	SeverityError       DiagnosticSeverity = 1
	SeverityWarning     DiagnosticSeverity = 2
	SeverityInformation DiagnosticSeverity = 3
)

// Diagnostic is one finding, as the editor shows it.
type Diagnostic struct {
	Range              Range                          `json:"range"`
	Severity           DiagnosticSeverity             `json:"severity"`
	Code               string                         `json:"code"`
	CodeDescription    *CodeDescription               `json:"codeDescription,omitempty"`
	Source             string                         `json:"source"`
	Message            string                         `json:"message"`
	RelatedInformation []DiagnosticRelatedInformation `json:"relatedInformation,omitempty"`
}

// CodeDescription links a diagnostic to the documentation of its code.
type CodeDescription struct {
	Href string `json:"href"`
}

// DiagnosticRelatedInformation is another place of a diagnostic's cause.
type DiagnosticRelatedInformation struct {
	Location Location `json:"location"`
	Message  string   `json:"message"`
}

// PublishDiagnosticsParams are the params of textDocument/publishDiagnostics.
type PublishDiagnosticsParams struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// CodeActionParams are the params of textDocument/codeAction.
type CodeActionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Range        Range                  `json:"range"`
	Context      struct {
		Diagnostics []Diagnostic `json:"diagnostics"`
		Only        []string     `json:"only,omitempty"`
	} `json:"context"`
}

// CodeAction is a quick fix.
type CodeAction struct {
	Title       string        `json:"title"`
	Kind        string        `json:"kind"`
	Diagnostics []Diagnostic  `json:"diagnostics,omitempty"`
	IsPreferred bool          `json:"isPreferred,omitempty"`
	Edit        WorkspaceEdit `json:"edit"`
}

// WorkspaceEdit is the edits of a code action.
type WorkspaceEdit struct {
	DocumentChanges []TextDocumentEdit `json:"documentChanges"`
}

// TextDocumentEdit is the edits of one document at a version.
type TextDocumentEdit struct {
	TextDocument VersionedTextDocumentIdentifier `json:"textDocument"`
	Edits        []TextEdit                      `json:"edits"`
}

// TextEdit replaces a range with new text.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// LogMessageParams are the params of window/logMessage.
type LogMessageParams struct {
	Type    int    `json:"type"` // 1 error, 2 warning, 3 info, 4 log
	Message string `json:"message"`
}

// decode unmarshals params; a message whose params do not fit is refused
// with InvalidParams, never half-read.
func decode(params []byte, v any) error {
	if len(params) == 0 {
		params = []byte("null")
	}
	return json.Unmarshal(params, v)
}
