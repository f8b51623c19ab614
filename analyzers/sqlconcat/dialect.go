package sqlconcat

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
)

// The placeholder style of a fix must be the one the program's database
// driver speaks: "?" compiles in a PostgreSQL program and fails at run
// time. The driver is often chosen far from the SQL: main imports lib/pq
// for its side effect, and the store package never names it. What the
// package can see decides, and when it sees nothing there is no fix.

// dialects is a set of placeholder styles: the bits of Question and Dollar.
type dialects uint8

func dialectBit(d knowledge.Dialect) dialects {
	switch d {
	case knowledge.Question, knowledge.Dollar:
		return 1 << d
	}
	return 0
}

// one returns the only style of the set, or DialectUnknown when there
// are none or several.
func (ds dialects) one() knowledge.Dialect {
	for _, d := range []knowledge.Dialect{knowledge.Question, knowledge.Dollar} {
		if ds == dialectBit(d) {
			return d
		}
	}
	return knowledge.DialectUnknown
}

// dialectFact records the placeholder styles of the database drivers a
// package and the packages it imports use: imported (lib/pq) or opened by
// name (sql.Open("postgres", dsn)).
type dialectFact struct {
	Dialects dialects
}

func (*dialectFact) AFact() {}

func (f *dialectFact) String() string {
	var names []string
	for _, d := range []knowledge.Dialect{knowledge.Question, knowledge.Dollar} {
		if f.Dialects&dialectBit(d) != 0 {
			names = append(names, d.String())
		}
	}
	return "sql dialect: " + strings.Join(names, " and ")
}

// importedDialects returns the styles of the drivers the package imports,
// and of those its imports know of.
func importedDialects(pass *analysis.Pass) dialects {
	var ds dialects
	for _, imp := range pass.Pkg.Imports() {
		ds |= dialectBit(knowledge.DriverDialects[imp.Path()])
		var f dialectFact
		if pass.ImportPackageFact(imp, &f) {
			ds |= f.Dialects
		}
	}
	return ds
}

// openedDialect returns the style of the driver a call opens by name, or
// DialectUnknown.
func openedDialect(info *types.Info, call *ast.CallExpr, fn *types.Func) knowledge.Dialect {
	i, ok := knowledge.SQLOpeners[knowledge.FuncName(fn)]
	if !ok || i >= len(call.Args) {
		return knowledge.DialectUnknown
	}
	tv := info.Types[call.Args[i]]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return knowledge.DialectUnknown
	}
	return knowledge.DriverNames[constant.StringVal(tv.Value)]
}

// exportDialects passes the styles the package knows of on to its
// importers; a main package has none.
func exportDialects(pass *analysis.Pass, ds dialects) {
	if ds != 0 && pass.Pkg.Name() != "main" {
		pass.ExportPackageFact(&dialectFact{Dialects: ds})
	}
}

// dialectFor decides the placeholder style of a fix: the library's; else
// the placeholders already in the query; else the package's.
func (c *checker) dialectFor(s sink, parts []strexpr.Part) knowledge.Dialect {
	if s.Dialect != knowledge.DialectUnknown {
		return s.Dialect
	}
	t := constText(parts)
	switch {
	case dollarRE.MatchString(t):
		return knowledge.Dollar
	case strings.Contains(t, "?"):
		return knowledge.Question
	}
	return c.packageDialect()
}

// packageDialect returns the package's placeholder style: its drivers'
// (imported or opened here or in the packages it imports) when they agree;
// else the style of its other queries sent to a driver as written, when
// they agree; else DialectUnknown.
func (c *checker) packageDialect() knowledge.Dialect {
	if c.dialectKnown {
		return c.dialect
	}
	c.dialectKnown = true
	if c.drivers != 0 {
		c.dialect = c.drivers.one()
		return c.dialect
	}
	var used dialects
	for _, sc := range c.calls {
		s, ok := c.sinkOf(sc.fn)
		if !ok || s.Dialect != knowledge.DialectUnknown || s.Query < 0 || s.Query >= len(sc.call.Args) {
			continue
		}
		tv := c.pass.TypesInfo.Types[sc.call.Args[s.Query]]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			continue
		}
		q := constant.StringVal(tv.Value)
		if dollarRE.MatchString(q) {
			used |= dialectBit(knowledge.Dollar)
		}
		if strings.Contains(q, "?") {
			used |= dialectBit(knowledge.Question)
		}
	}
	c.dialect = used.one()
	return c.dialect
}

// placeholder names the placeholder to use, for a message.
func (c *checker) placeholder(s sink, parts []strexpr.Part) string {
	switch d := c.dialectFor(s, parts); d {
	case knowledge.Question, knowledge.Dollar, knowledge.Named:
		return fmt.Sprintf("a %s placeholder", d)
	}
	return "a placeholder ($1 in PostgreSQL, ? in MySQL and SQLite)"
}
