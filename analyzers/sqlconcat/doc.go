// Package sqlconcat defines an Analyzer that reports SQL text built from
// non-constant strings and sent to a database: the code-level cause of SQL
// injection.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain sqlconcat prints it.
package sqlconcat

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is sqlconcat's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "sqlconcat",
	Crisis: "an attacker drops a table through a search box",
	RawDocumentation: lint.RawDocumentation{
		Title: "SQL built from non-constant strings (SQL injection)",
		Text: `Whoever types "x' OR '1'='1" (or "'; DROP TABLE users; --") into it
makes the server run a query its author never wrote.

sqlconcat reports a call that sends SQL to a database (database/sql's
DB, Tx and Conn; sqlx; pgx v4 and v5; gorm's Raw, Exec, Where, Or, Not,
Order, Group, Having, Joins, Select, Distinct, Pluck and Table, and the
inline condition of First, Take, Last, Find and Delete, where a string
that is not a number is SQL: db.First(&user, id) with an id from the
request is injectable; xorm; and the clauses of squirrel, bun, pop and
ent's builder: Where, OrderBy, OrderExpr, RawQuery, NewRaw, ExprP, and
ent's driver Query and Exec) when the SQL text is built from
strings that are not constant: with +, +=, fmt.Sprintf, a
strings.Builder or bytes.Buffer, strings.Join or strings.Replace,
directly or through local variables. It follows helper functions that
return such SQL or build a name from their parameters ("t_" + tenant),
judging each call by what it passes, also when they live in a package
that imports no SQL library (a shared sqlutil), and treats a function
of yours that passes its string parameter on as the SQL text as a sink
of its own, in the same package or in another (through analysis facts),
also when it is called through an interface it implements (a handler
calling store.List(ctx, sort) on a Store interface).

A value spliced into the SQL (after =, <, LIKE, IN (, inside quotes, in
VALUES) is reported whatever its origin, also inside one element of a
list of conditions joined into the SQL: a list built by append or a
literal anywhere in the function (conds = append(conds, "status = '" +
s + "'"), then strings.Join(conds, " AND ")) is as injectable as the
worst element put in it. A name spliced in as a table,
column or ORDER BY term, or a whole condition (after WHERE or AND, or
as gorm's Where), is reported when it comes from a parameter of the
function, or a field of a struct parameter (p.SortBy in a repository's
List(p ListParams)), or from user input: a request value, os.Args, or
a field of a struct that a binder filled from the request (gin's
c.ShouldBindQuery(&req) and the other Bind methods, echo's c.Bind,
fiber's parsers, json.NewDecoder(r.Body).Decode(&req), json.Unmarshal
of the body, a form decoder given r.Form). Names taken from other
struct fields or from configuration are left alone, and so is a bound
field the program sets after binding it.

It does not report SQL built only from constants, placeholder lists
(strings.Repeat("?,", n), "$"+strconv.Itoa(i), a slice made with make
and filled with them, joined), numbers, booleans and
times formatted into the SQL, identifiers quoted by pq.QuoteIdentifier
or pgx.Identifier.Sanitize, text that a group of word characters of a
constant regular expression matched (re.FindStringSubmatch(s)[1] of
tmp_(\w+)_seq), or strings chosen from a closed set of constants (a
switch or a map of constant values, a field whose binding or validate
tag says oneof=name price, alpha or alphanum). Nor does it report a value that
every path from its source to the SQL checks against constants,
rejecting it (return, an error, a 400) or replacing it with a constant
when the check fails: the standard fix for ORDER BY injection. The
checks are a map of constant keys (if !allowed[s] { s = "id" },
_, ok := allowed[s]), comparisons with constants, a loop over constants
that sets a flag, slices.Contains of constants, a switch on the value
that lists the allowed constants, an anchored regular expression of
word characters only (^[a-zA-Z_][a-zA-Z0-9_]*$), and functions of the
program, in the same package or another, that succeed (return true or
a nil error) only after such a check, or return the value only after
it. A check whose failing branch goes on (logs and continues), a check
against a set the program does not write (from the request, or a map
it adds keys to), a check of another variable, and a regular expression
that allows spaces, commas, quotes or is not anchored at both ends
protect nothing and the value is reported. A table name that
qualifies a column (SET n = %s.n + 1) is a name, not a value.

A value spliced in, and a name that comes from user input, are errors:
whoever sends the request can read or drop any table. A name that comes
from a parameter is a warning: the program usually passes a table or
column of its own, but nothing at the call checks it, and the next
caller may pass a request value.`,
		Before: `
rows, err := db.QueryContext(ctx,
	"SELECT id, name FROM users WHERE name = '"+name+"'")
`,
		After: `
rows, err := db.QueryContext(ctx,
	"SELECT id, name FROM users WHERE name = $1", name)
`,
		Severity: lint.SeverityError,
	},
	Fixes: true,
	Remedy: `The suggested fix turns a spliced value into a placeholder and passes
the value as an argument, in the placeholder style of the database
driver: $1, $2, ... for pgx and lib/pq, ? for MySQL, SQLite and gorm. The
driver is the one the package, or a package it imports, imports or opens
by name (sql.Open("postgres", dsn)); failing that, the style of the
package's other queries, when they agree. When nothing tells, there is
no fix: "?" in a PostgreSQL program compiles and fails at run time.
Identifiers get no automatic fix: placeholders cannot bind them, so
check the name against an allowlist of known columns, or quote it.`,
})
