// Package analyzers lists crisislint's analyzers: the one list that the
// command, go vet -vettool, the golangci-lint plugin and any other driver
// run. A new analyzer is added here and nowhere else; its package declares
// its documentation (analyzerdoc.Register), and if the catalogue reserved
// its name, the name leaves analyzerdoc.Reserved (TestAll checks both).
package analyzers

import (
	"github.com/crisislint/crisislint/analyzers/badignore"
	"github.com/crisislint/crisislint/analyzers/cachestale"
	"github.com/crisislint/crisislint/analyzers/cachestampede"
	"github.com/crisislint/crisislint/analyzers/globalgrowth"
	"github.com/crisislint/crisislint/analyzers/handlerblock"
	"github.com/crisislint/crisislint/analyzers/httptimeout"
	"github.com/crisislint/crisislint/analyzers/idempotency"
	"github.com/crisislint/crisislint/analyzers/queryinloop"
	"github.com/crisislint/crisislint/analyzers/readallbody"
	"github.com/crisislint/crisislint/analyzers/retrystorm"
	"github.com/crisislint/crisislint/analyzers/sqlconcat"
	"github.com/crisislint/crisislint/analyzers/thirdpartysync"
	"golang.org/x/tools/go/analysis"
)

// All is every analyzer of crisislint, in the order of the catalogue.
var All = []*analysis.Analyzer{
	sqlconcat.Analyzer,
	queryinloop.Analyzer,
	readallbody.Analyzer,
	globalgrowth.Analyzer,
	handlerblock.Analyzer,
	thirdpartysync.Analyzer,
	httptimeout.Analyzer,
	retrystorm.Analyzer,
	cachestampede.Analyzer,
	cachestale.Analyzer,
	idempotency.Analyzer,
	badignore.Analyzer,
}

// ByName returns the analyzer with the given public name, or nil.
func ByName(name string) *analysis.Analyzer {
	for _, a := range All {
		if a.Name == name {
			return a
		}
	}
	return nil
}
