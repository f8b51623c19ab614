// Package analyzerdoc holds the documentation of crisislint's analyzers as
// data, in the shape of staticcheck's lint.Documentation (a title, a text,
// a before and an after example, a severity), with the two things a
// crisislint analyzer also says: the production crisis it prevents, and
// whether it offers a fix. go vet help, crisislint -explain, the SARIF
// rules and the README table are all made from it; nothing is scraped
// from prose.
//
// Each analyzer's doc.go declares its documentation once:
//
//	var Doc = analyzerdoc.Register(&analyzerdoc.Doc{Name: "sqlconcat", ...})
//
// and its Analyzer takes Doc.String() as its Doc.
package analyzerdoc

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is an analyzer's documentation.
type Doc struct {
	// Name is the analyzer's public name.
	Name string
	// Crisis is the production crisis the analyzer prevents, in the
	// catalogue's words, without a final period: "an attacker drops a
	// table through a search box".
	Crisis string
	// RawDocumentation holds, as staticcheck writes it:
	//   - Title: what the analyzer reports, a noun phrase ("SQL built from
	//     non-constant strings (SQL injection)");
	//   - Text: how the crisis comes about, what is reported and what is
	//     not, in paragraphs;
	//   - Before and After: a bad and a good example, Go code;
	//   - Severity: the harm of its worst finding, the default level of
	//     its SARIF rule.
	lint.RawDocumentation
	// Fixes is set when the analyzer suggests fixes.
	Fixes bool
	// Remedy says what the suggested fix does, or what to do by hand when
	// there is none.
	Remedy string
}

// URL is where an analyzer's source and documentation live.
func (d *Doc) URL() string {
	return "https://github.com/crisislint/crisislint/tree/main/analyzers/" + d.Name
}

// Lint returns the documentation as staticcheck's lint.Documentation: its
// Text opens with the crisis and ends with the remedy.
func (d *Doc) Lint() *lint.Documentation {
	raw := d.RawDocumentation
	raw.Text = d.text()
	return raw.Compile()
}

// text is the body: the crisis, the text, the remedy.
func (d *Doc) text() string {
	paras := []string{"The crisis: " + d.Crisis + "."}
	if t := strings.TrimSpace(d.Text); t != "" {
		paras = append(paras, t)
	}
	if r := strings.TrimSpace(d.Remedy); r != "" {
		paras = append(paras, r)
	}
	return strings.Join(paras, "\n\n")
}

// String returns the documentation as plain text, the Doc of the
// analyzer: a first line "NAME: TITLE", then the crisis, the text, a bad
// and a good example, and the remedy.
func (d *Doc) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\nThe crisis: %s.", d.Name, strings.TrimSpace(d.Title), d.Crisis)
	if t := strings.TrimSpace(d.Text); t != "" {
		b.WriteString("\n\n" + t)
	}
	example := func(label, code string) {
		if code = strings.Trim(code, "\n"); code != "" {
			b.WriteString("\n\n" + label + ":\n")
			for line := range strings.SplitSeq(code, "\n") {
				b.WriteString("\n\t" + line)
			}
		}
	}
	example("Bad", d.Before)
	example("Good", d.After)
	if r := strings.TrimSpace(d.Remedy); r != "" {
		b.WriteString("\n\n" + r)
	}
	return b.String()
}

var (
	mu       sync.Mutex
	registry = make(map[string]*Doc)
)

// Register records d as the documentation of the analyzer d.Name and
// returns it. A second registration of a name is a programming error.
func Register(d *Doc) *Doc {
	mu.Lock()
	defer mu.Unlock()
	if d.Name == "" || d.Title == "" || d.Crisis == "" {
		panic(fmt.Sprintf("analyzerdoc: %q: a Doc needs a Name, a Title and a Crisis", d.Name))
	}
	if registry[d.Name] != nil {
		panic("analyzerdoc: " + d.Name + " registered twice")
	}
	registry[d.Name] = d
	return d
}

// Of returns the documentation of the analyzer named name, or nil when
// no analyzer of that name is linked into the program.
func Of(name string) *Doc {
	mu.Lock()
	defer mu.Unlock()
	return registry[name]
}

// Documented returns the names of the analyzers with documentation,
// sorted: those linked into the program. Every crisislint driver links
// analyzers.All, and analyzers' tests check the two agree.
func Documented() []string {
	mu.Lock()
	defer mu.Unlock()
	return slices.Sorted(maps.Keys(registry))
}

// Documentation returns the documentation of an analyzer as
// staticcheck's lint.Documentation, for drivers: SARIF rules, editors.
// An analyzer that is not crisislint's gets its Doc's first line as the
// title and the rest as the text.
func Documentation(a *analysis.Analyzer) *lint.Documentation {
	if d := Of(a.Name); d != nil {
		return d.Lint()
	}
	title, text, _ := strings.Cut(a.Doc, "\n")
	return lint.RawDocumentation{Title: strings.TrimPrefix(title, a.Name+": "), Text: text}.Compile()
}
