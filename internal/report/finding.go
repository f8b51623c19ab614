package report

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Severity ranks a finding by the harm it does, so what hurts most is
// read first. It travels in the diagnostic's Category, the one field every
// go/analysis driver carries through, and drivers map it to their levels
// (SARIF level, golangci-lint severity, LSP severity).
type Severity int

const (
	// Note is worth knowing, rarely urgent: a point lookup without a
	// context, an N+1 over a handful of IDs the user picked.
	Note Severity = iota
	// Warning degrades the service under load: a query per row, a
	// database call that outlives its request.
	Warning
	// Error takes the service down or opens it up: remote I/O that waits
	// forever on the request path, SQL injection, an unbounded body.
	Error
)

var severityNames = [...]string{Note: "note", Warning: "warning", Error: "error"}

func (s Severity) String() string {
	if s >= 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads a severity by its name, as in a diagnostic's
// Category or the -severity flag.
func ParseSeverity(name string) (Severity, bool) {
	i := slices.Index(severityNames[:], name)
	return Severity(i), i >= 0
}

// SeverityOf returns the severity a diagnostic carries; a diagnostic of
// another analyzer, with no severity, is a warning.
func SeverityOf(d analysis.Diagnostic) Severity {
	if s, ok := ParseSeverity(d.Category); ok {
		return s
	}
	return Warning
}

// Finding is one cause of a crisis at one place in the code.
type Finding struct {
	Pos, End token.Pos
	Message  string
	Severity Severity
	// Root names the root cause when many places share one: the
	// context-less method every handler calls, the helper that decodes
	// every body unbounded. Findings of one analyzer in one package with
	// the same Root are reported once, at the place that hurts most, with
	// the others as related locations (see Flush). Empty: a cause of its
	// own.
	Root string
	// Also is how the message counts the other places of its root, a
	// phrase whose first word is a plural noun that takes an s: "calls of
	// UserByID" reads "(and 77 more calls of UserByID in this package)",
	// and "(and 1 more call of UserByID in this package)" for one. Keep
	// the verbs out of agreement: "calls reaching X", not "calls that
	// reach X". Empty: "places".
	Also  string
	Fixes []analysis.SuggestedFix
	// Peers are the rules of other linters that report the same defect
	// at the same place ("gosec:G114", "noctx"): a comment there that
	// suppresses one of them (//nolint:gosec, // #nosec G114) is a
	// maintainer's decision on this finding too, already made.
	Peers []string
}

// Reporter collects an analyzer's findings in one package and reports
// them when the analysis of the package is done, one per root cause.
type Reporter struct {
	pass     *analysis.Pass
	findings []Finding
}

// New returns a Reporter for the pass. Call Flush when done.
func New(pass *analysis.Pass) *Reporter { return &Reporter{pass: pass} }

// Add records a finding.
func (r *Reporter) Add(f Finding) { r.findings = append(r.findings, f) }

// Flush reports the findings. A finding in test code or a generated file
// is dropped.
// The findings that share a root become one, reported at the place that
// hurts most (the first in source order among those of the highest
// severity, so the message read is the one the level is for), that lists
// the other places as related locations, counts them in its message, and
// carries every place's fixes (crisislint -fix still fixes each place). A
// suppression comment at the reported place covers the whole root; one at
// another place drops that place only.
func (r *Reporter) Flush() {
	// Source order by file name and offset, not by token.Pos: go/packages
	// parses a package's files concurrently, so the order of their bases
	// in the file set, and the first place of a root, would change from
	// run to run.
	before := func(a, b token.Pos) int {
		pa, pb := r.pass.Fset.Position(a), r.pass.Fset.Position(b)
		return cmp.Or(cmp.Compare(pa.Filename, pb.Filename), cmp.Compare(pa.Offset, pb.Offset))
	}
	slices.SortStableFunc(r.findings, func(a, b Finding) int { return before(a.Pos, b.Pos) })
	var groups [][]Finding // each root's findings, in source order; a finding without a root alone
	byRoot := make(map[string]int)
	for _, f := range r.findings {
		if file := File(r.pass, f.Pos); file != nil && (IsTestCode(r.pass, f.Pos) || Generated(r.pass, file)) {
			continue
		}
		i, seen := byRoot[f.Root]
		switch {
		case f.Root == "" || !seen:
			if f.Root != "" {
				byRoot[f.Root] = len(groups)
			}
			groups = append(groups, []Finding{f})
		case !slices.ContainsFunc(groups[i], func(g Finding) bool { return g.Pos == f.Pos }):
			groups[i] = append(groups[i], f) // a place reached twice (two handlers share it) counts once
		}
	}
	var out []analysis.Diagnostic
	for _, g := range groups {
		top := 0
		for i, f := range g {
			if f.Severity > g[top].Severity {
				top = i
			}
		}
		if r.quiet(g[top].Pos) || r.decided(g[top]) {
			continue
		}
		first := g[top]
		d := analysis.Diagnostic{Pos: first.Pos, End: first.End, Category: first.Severity.String(), Message: first.Message, SuggestedFixes: first.Fixes}
		for i, f := range g {
			if i == top || r.quiet(f.Pos) || r.decided(f) {
				continue
			}
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.Pos, End: f.End, Message: f.Message})
			d.SuggestedFixes = mergeFixes(d.SuggestedFixes, f.Fixes)
		}
		if n := len(d.Related); n > 0 {
			d.Message += fmt.Sprintf(" (and %d more %s in this package)", n, counted(n, cmp.Or(first.Also, "places")))
		}
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b analysis.Diagnostic) int { return before(a.Pos, b.Pos) })
	for _, d := range out {
		r.pass.Report(d)
	}
	r.findings = nil
}

// quiet reports whether a suppression comment covers pos.
func (r *Reporter) quiet(pos token.Pos) bool {
	file := File(r.pass, pos)
	return file != nil && suppressed(r.pass, file, pos)
}

// decided reports whether a comment on the finding's line, or the line
// above, suppresses a peer of it in another linter.
func (r *Reporter) decided(f Finding) bool {
	file := File(r.pass, f.Pos)
	return len(f.Peers) > 0 && file != nil && commentAt(r.pass, file, f.Pos, func(text string) bool {
		return slices.ContainsFunc(f.Peers, func(peer string) bool { return SuppressesPeer(text, peer) })
	})
}

// SuppressesPeer reports whether a comment suppresses a rule of another
// linter, named "tool" or "tool:RULE": golangci-lint's //nolint:a,b (no
// list: every linter), gosec's #nosec (no rule: all of gosec's) and
// //gosec:disable.
func SuppressesPeer(text, peer string) bool {
	tool, rule, _ := strings.Cut(peer, ":")
	body := strings.TrimSpace(strings.TrimPrefix(text, "//"))
	if rest, ok := strings.CutPrefix(body, "nolint"); ok {
		if rest == "" || rest[0] == ' ' {
			return true // //nolint: every linter
		}
		if names, ok := strings.CutPrefix(rest, ":"); ok {
			names, _, _ = strings.Cut(names, " ")
			return slices.Contains(strings.Split(names, ","), tool)
		}
		return false
	}
	if tool != "gosec" {
		return false
	}
	for _, marker := range []string{"#nosec", "gosec:disable"} {
		i := strings.Index(body, marker)
		if i < 0 {
			continue
		}
		fields := strings.FieldsFunc(body[i+len(marker):], func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
		var rules []string
		for _, f := range fields {
			if len(f) > 1 && f[0] == 'G' && strings.Trim(f[1:], "0123456789") == "" {
				rules = append(rules, f)
			} else {
				break // the justification that follows
			}
		}
		return len(rules) == 0 || rule == "" || slices.Contains(rules, rule)
	}
	return false
}

// mergeFixes joins the edits of another place's first fix to the first
// fix of a root, so applying the root's fix fixes every place (drivers
// apply only a diagnostic's first fix). An edit already there (the same
// import, the same hoisted constant) is taken once; a place whose edits
// would overlap others' keeps its finding unfixed rather than break the
// file.
func mergeFixes(first, more []analysis.SuggestedFix) []analysis.SuggestedFix {
	if len(more) == 0 {
		return first
	}
	if len(first) == 0 {
		return slices.Clone(more[:1])
	}
	merged := first[0]
	// New edits are checked against the fix so far only: one fix's own
	// edits may meet at a point (an argument inserted right before a
	// closing parenthesis) in the order its author gave them.
	edits := slices.Clone(merged.TextEdits)
	have := merged.TextEdits
	for _, e := range more[0].TextEdits {
		switch {
		case slices.ContainsFunc(have, func(x analysis.TextEdit) bool { return sameEdit(x, e) }):
		case slices.ContainsFunc(have, func(x analysis.TextEdit) bool { return overlap(x, e) }):
			return first
		default:
			edits = append(edits, e)
		}
	}
	merged.TextEdits = edits
	return append([]analysis.SuggestedFix{merged}, first[1:]...)
}

func sameEdit(a, b analysis.TextEdit) bool {
	return a.Pos == b.Pos && a.End == b.End && string(a.NewText) == string(b.NewText)
}

// overlap reports whether two edits touch the same text; two insertions
// at one point overlap too, since their order would be a guess.
func overlap(a, b analysis.TextEdit) bool {
	aEnd, bEnd := max(a.End, a.Pos), max(b.End, b.Pos)
	if a.Pos == aEnd && b.Pos == bEnd {
		return a.Pos == b.Pos
	}
	return a.Pos < bEnd && b.Pos < aEnd
}

// counted returns the Also phrase for n places: as written for several,
// its first word without the plural s for one.
func counted(n int, also string) string {
	if n != 1 {
		return also
	}
	head, rest, _ := strings.Cut(also, " ")
	if rest != "" {
		rest = " " + rest
	}
	return strings.TrimSuffix(head, "s") + rest
}
