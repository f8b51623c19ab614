package driver

import (
	"encoding/json"
	"io"
	"path/filepath"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// The JSON output has the shape of go/analysis drivers (go vet -json,
// multichecker -json): package ID → analyzer → diagnostics, with each
// Finding listed once, under the first package it was found in.

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
		d := jsonDiagnostic{Posn: f.Pos.String(), End: f.End.String(), Message: f.Message}
		if f.Fix != nil {
			fix := jsonFix{Message: f.Fix.Message}
			for _, e := range f.Fix.Edits {
				fix.Edits = append(fix.Edits, jsonEdit{Filename: e.File, Start: e.Start, End: e.End, New: e.New})
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

// SARIF 2.1.0, the subset code scanning services read.

type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	FullDescription      sarifMessage `json:"fullDescription"`
	Help                 sarifMessage `json:"help"`
	HelpURI              string       `json:"helpUri"`
	DefaultConfiguration sarifConfig  `json:"defaultConfiguration"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

func printSARIF(w io.Writer, found []Finding) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "crisislint",
			InformationURI: "https://github.com/crisislint/crisislint",
		}},
		Results: []sarifResult{},
	}
	for _, a := range analyzers.All {
		doc := analyzerdoc.Documentation(a)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:                   a.Name,
			ShortDescription:     sarifMessage{Text: doc.Title},
			FullDescription:      sarifMessage{Text: doc.Text},
			Help:                 sarifMessage{Text: doc.Format(false), Markdown: doc.FormatMarkdown(false)},
			HelpURI:              a.URL,
			DefaultConfiguration: sarifConfig{Level: sarifLevel(doc.Severity)},
		})
	}
	for _, f := range found {
		run.Results = append(run.Results, sarifResult{
			RuleID:  f.Analyzer,
			Level:   "warning",
			Message: sarifMessage{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: filepath.ToSlash(rel(f.Pos.Filename))},
				Region:           sarifRegion{StartLine: f.Pos.Line, StartColumn: f.Pos.Column, EndLine: f.End.Line, EndColumn: f.End.Column},
			}}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Version: "2.1.0",
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Runs:    []sarifRun{run},
	})
}

// sarifLevel maps a documented severity to a SARIF level.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning, lint.SeverityDeprecated:
		return "warning"
	}
	return "note"
}
