// Package badignore defines an Analyzer that reports malformed
// //crisislint:ignore comments.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain badignore prints it.
package badignore

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is badignore's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "badignore",
	Crisis: "a typo silently disables a check",
	RawDocumentation: lint.RawDocumentation{
		Title: "suppression comments without a reason or with an unknown analyzer",
		Text: `A //crisislint:ignore comment silences a finding on its own line and on
the line below. It must name the analyzers it silences and say why the
finding does not apply, so the next reader can judge whether it still
holds.

badignore reports a suppression comment that names no analyzer or gives
no reason (it suppresses nothing); one written with a space after the
slashes or as a block comment, which is not read as a directive (it
suppresses nothing either); and a name that is no crisislint analyzer's
(a typo would otherwise silence nothing, quietly): the comment still
suppresses the analyzers it names rightly. The names the catalogue
reserves for analyzers not built yet are accepted.

Its finding is a warning: it does no harm in production, but it ranks
with the findings it fails to hide, so that a floor that shows them
shows why they were not suppressed.`,
		Before: `
// crisislint:ignore sqlconcta
rows, err := db.Query("SELECT id FROM t ORDER BY " + col)
`,
		After: `
//crisislint:ignore sqlconcat the column comes from the allowlist above
rows, err := db.Query("SELECT id FROM t ORDER BY " + col)
`,
		Severity: lint.SeverityWarning,
	},
})
