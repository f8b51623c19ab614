package driver

import (
	"encoding/json"
	"io"
)

// The JSON output has the shape of go/analysis drivers (go vet -json,
// multichecker -json): package ID → analyzer → diagnostics, with each
// Finding listed once, under the first package it was found in. Paths
// follow the one rule of every output but SARIF: relative to the working
// directory when the file lies below it, as the text output prints them
// (SARIF's are relative to the module root; see printSARIF).

type jsonEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonDiagnostic struct {
	Posn           string    `json:"posn"`
	End            string    `json:"end"`
	Message        string    `json:"message"`
	SuggestedFixes []jsonFix `json:"suggested_fixes,omitempty"`
}

func printJSON(w io.Writer, found []Finding) error {
	tree := make(map[string]map[string][]jsonDiagnostic)
	for _, f := range found {
		d := jsonDiagnostic{Posn: position(f.Pos), End: position(f.End), Message: f.Message}
		if f.Fix != nil {
			fix := jsonFix{Message: f.Fix.Message}
			for _, e := range f.Fix.Edits {
				fix.Edits = append(fix.Edits, jsonEdit{Filename: rel(e.File), Start: e.Start, End: e.End, New: e.New})
			}
			d.SuggestedFixes = []jsonFix{fix}
		}
		if tree[f.Package] == nil {
			tree[f.Package] = make(map[string][]jsonDiagnostic)
		}
		tree[f.Package][f.Analyzer] = append(tree[f.Package][f.Analyzer], d)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "\t")
	return enc.Encode(tree)
}
