package driver

import (
	"cmp"
	"encoding/json"
	"go/token"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"github.com/crisislint/crisislint/internal/report"
	"honnef.co/go/tools/analysis/lint"
)

// SARIF 2.1.0 as a code-scanning upload takes it: paths relative to
// %SRCROOT%, the module root, wherever crisislint ran (so a run from a
// subdirectory uploads the same URIs as one from the root); columns in
// UTF-16 code units, as the run declares; a level per finding; fixes;
// related locations; and the packages that could not be analyzed as
// notifications of an invocation that did not succeed, so a partial
// result never passes for a clean one.

const srcRoot = "%SRCROOT%"

type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                   `json:"columnKind"`
	Invocations        []sarifInvocation        `json:"invocations"`
	Results            []sarifResult            `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	Help                 sarifMessage       `json:"help"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string       `json:"level"`
	Message sarifMessage `json:"message"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        int             `json:"ruleIndex"`
	Level            string          `json:"level"`
	Message          sarifMessage    `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	Fixes            []sarifFix      `json:"fixes,omitempty"`
}

type sarifLocation struct {
	ID               *int          `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifMessage `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion  `json:"deletedRegion"`
	InsertedContent sarifMessage `json:"insertedContent"`
}

// sarifLevel maps a severity to a SARIF level; they share their names.
func sarifLevel(s report.Severity) string {
	switch s {
	case report.Error:
		return "error"
	case report.Note:
		return "note"
	}
	return "warning"
}

// moduleRoot returns the directory SARIF paths are relative to: the
// workspace's when there is a go.work, else the main module's, as the go
// command finds them from dir; the working directory when neither is
// found.
func moduleRoot(dir string) string {
	cmd := exec.Command("go", "env", "GOWORK", "GOMOD")
	cmd.Dir = dir
	if out, err := cmd.Output(); err == nil {
		for line := range strings.SplitSeq(string(out), "\n") {
			if line = strings.TrimSpace(line); filepath.IsAbs(line) && line != os.DevNull {
				return filepath.Dir(line)
			}
		}
	}
	if dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			return abs
		}
	}
	wd, _ := os.Getwd()
	return wd
}

type sarifWriter struct {
	root string
	src  *sources
}

// artifact names a file relative to %SRCROOT%, or by its absolute URI
// when it lies outside the root (a module the workspace replaces).
func (sw *sarifWriter) artifact(filename string) sarifArtifact {
	r, err := filepath.Rel(sw.root, filename)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(filename)}).String()}
	}
	return sarifArtifact{URI: (&url.URL{Path: filepath.ToSlash(r)}).String(), URIBaseID: srcRoot}
}

func (sw *sarifWriter) location(pos, end token.Position, message string) sarifLocation {
	content := sw.src.read(pos.Filename)
	loc := sarifLocation{PhysicalLocation: sarifPhysical{
		ArtifactLocation: sw.artifact(pos.Filename),
		Region: sarifRegion{
			StartLine:   pos.Line,
			StartColumn: utf16Column(content, pos.Offset, pos.Column),
			EndLine:     end.Line,
			EndColumn:   utf16Column(content, end.Offset, end.Column),
		},
	}}
	if message != "" {
		loc.Message = &sarifMessage{Text: message}
	}
	return loc
}

func (sw *sarifWriter) fix(fix *Fix) sarifFix {
	out := sarifFix{Description: sarifMessage{Text: fix.Message}}
	byFile := make(map[string]int) // file → its index in ArtifactChanges
	for _, e := range fix.Edits {
		i, ok := byFile[e.File]
		if !ok {
			i = len(out.ArtifactChanges)
			byFile[e.File] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: sw.artifact(e.File)})
		}
		content := sw.src.read(e.File)
		var r sarifRegion
		r.StartLine, r.StartColumn = lineColumn(content, e.Start)
		r.EndLine, r.EndColumn = lineColumn(content, e.End)
		change := &out.ArtifactChanges[i]
		change.Replacements = append(change.Replacements, sarifReplacement{DeletedRegion: r, InsertedContent: sarifMessage{Text: e.New}})
	}
	return out
}

// printSARIF prints the findings and problems of one run as SARIF; root
// is %SRCROOT%.
func printSARIF(w io.Writer, found []Finding, problems []string, root string, src *sources) error {
	sw := &sarifWriter{root: root, src: src}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "crisislint",
			Version:        Version(),
			InformationURI: "https://github.com/crisislint/crisislint",
		}},
		OriginalURIBaseIDs: map[string]sarifArtifact{
			srcRoot: {URI: (&url.URL{Scheme: "file", Path: strings.TrimSuffix(filepath.ToSlash(root), "/") + "/"}).String()},
		},
		ColumnKind:  "utf16CodeUnits",
		Invocations: []sarifInvocation{{ExecutionSuccessful: len(problems) == 0}},
		Results:     []sarifResult{},
	}
	for _, p := range problems {
		inv := &run.Invocations[0]
		inv.Notifications = append(inv.Notifications, sarifNotification{Level: "error", Message: sarifMessage{Text: p}})
	}
	ruleIndex := make(map[string]int)
	for i, a := range analyzers.All {
		ruleIndex[a.Name] = i
		doc := analyzerdoc.Documentation(a)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:                   a.Name,
			ShortDescription:     sarifMessage{Text: doc.Title},
			FullDescription:      sarifMessage{Text: doc.Text},
			Help:                 sarifMessage{Text: doc.Format(false), Markdown: doc.FormatMarkdown(false)},
			HelpURI:              a.URL,
			DefaultConfiguration: sarifConfiguration{Level: sarifDocLevel(doc.Severity)},
		})
	}
	for _, f := range found {
		i, ok := ruleIndex[f.Analyzer]
		if !ok {
			i = -1 // not one of ours: SARIF's "no rule index"
		}
		res := sarifResult{
			RuleID:    f.Analyzer,
			RuleIndex: i,
			Level:     sarifLevel(f.Severity),
			Message:   sarifMessage{Text: f.Message},
			Locations: []sarifLocation{sw.location(f.Pos, f.End, "")},
		}
		for j, r := range f.Related {
			loc := sw.location(r.Pos, r.End, cmp.Or(r.Message, f.Message))
			id := j + 1
			loc.ID = &id
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		if f.Fix != nil && len(f.Fix.Edits) > 0 {
			res.Fixes = []sarifFix{sw.fix(f.Fix)}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Version: "2.1.0",
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Runs:    []sarifRun{run},
	})
}

// sarifDocLevel maps a documented severity to a SARIF level.
func sarifDocLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning, lint.SeverityDeprecated:
		return "warning"
	}
	return "note"
}
