// Package dbengine defines an Analyzer that tells where the database
// queries of a package go: into the process (SQLite) or to a server.
//
// The driver is usually imported for its side effect far from the
// queries: pocketbase's core imports modernc.org/sqlite, and its apis
// package, which queries through core, never names it. Each package
// passes the engines of the drivers it and its imports use on to its
// importers, as a fact.
package dbengine

import (
	"reflect"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
)

// Analyzer finds the database engines a package's queries may reach.
var Analyzer = &analysis.Analyzer{
	Name:       "dbengine",
	Doc:        "dbengine: find where a package's database queries go, in the process or to a server (a helper of crisislint's analyzers)",
	URL:        "https://github.com/crisislint/crisislint/tree/main/internal/dbengine",
	Run:        report.Safe(run),
	FactTypes:  []analysis.Fact{new(Fact)},
	ResultType: reflect.TypeFor[*Result](),
}

// Fact records the engines of the drivers a package and the packages it
// imports use.
type Fact struct {
	Engines knowledge.Engine
}

// AFact marks Fact as an analysis fact.
func (*Fact) AFact() {}

func (f *Fact) String() string {
	switch f.Engines {
	case knowledge.Embedded:
		return "database: embedded"
	case knowledge.Server:
		return "database: server"
	}
	return "database: embedded and server"
}

// Result says where the package's queries may go.
type Result struct {
	Engines knowledge.Engine
}

// EmbeddedOnly reports whether every database driver the package can
// reach runs in the process: its queries cost no round trip.
func (r *Result) EmbeddedOnly() bool { return r != nil && r.Engines == knowledge.Embedded }

func run(pass *analysis.Pass) (any, error) {
	var engines knowledge.Engine
	for _, imp := range pass.Pkg.Imports() {
		engines |= knowledge.DriverEngine(imp.Path())
		var f Fact
		if pass.ImportPackageFact(imp, &f) {
			engines |= f.Engines
		}
	}
	if engines != 0 {
		pass.ExportPackageFact(&Fact{Engines: engines})
	}
	return &Result{Engines: engines}, nil
}
