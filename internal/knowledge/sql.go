package knowledge

import (
	"go/types"
	"strings"
	"sync"
)

// Dialect is the bind-parameter style a database driver understands.
type Dialect int

const (
	// DialectUnknown means the library leaves it to the driver, and nothing
	// tells which driver the program uses.
	DialectUnknown Dialect = iota
	// Question is "?", for MySQL, SQLite, ClickHouse, gorm, and the default
	// when nothing tells.
	Question
	// Dollar is "$1", "$2", ...: PostgreSQL through pgx or lib/pq.
	Dollar
	// Named is ":name" or "@name": sqlx's Named* calls. Values cannot be
	// turned into positional placeholders there.
	Named
)

func (d Dialect) String() string {
	switch d {
	case Question:
		return "?"
	case Dollar:
		return "$N"
	case Named:
		return ":name"
	}
	return "unknown"
}

// SQLSink is a function or method that sends SQL text to a database.
type SQLSink struct {
	// Query is the index of the parameter that holds the SQL text.
	Query int
	// Args is the index of the first argument that is a value of the
	// placeholders (the variadic parameter, or for xorm's Exec the rest of
	// the variadic list that starts with the SQL), or -1 when the call
	// takes none (Prepare, gorm's Group).
	Args int
	// Library names the library in messages: "database/sql", "pgx", ...
	Library string
	// Dialect is the placeholder style fixed by the library, DialectUnknown
	// when the driver decides it.
	Dialect Dialect
	// AnyArg is set when the parameter is an interface: only a string
	// argument there is SQL (gorm's Where also takes maps and structs).
	AnyArg bool
	// Fragment is set when the text is a clause of a statement the
	// library builds (gorm's Where and Order), not a whole statement.
	Fragment bool
	// Cond is set when the text is a condition (gorm's Where, and the
	// inline condition of First or Delete), not a list of names.
	Cond bool
}

// sqlSinks maps a fully qualified function name to the sink it is.
var sqlSinks = map[string]SQLSink{}

// builderSinks are the sinks of query builders and ORMs whose I/O is
// learned from their code (facts), not described by the tables: these
// rows say only which text is SQL, so they do not make the package
// Described.
var builderSinks = map[string]SQLSink{}

// clauses are, per library, the sink methods that take a clause of the
// statement the library builds rather than a whole statement.
var clauses = map[string]map[string]bool{
	"gorm": {"Where": true, "Or": true, "Not": true, "Having": true, "Select": true, "Order": true, "Group": true, "Joins": true, "InnerJoins": true,
		"First": true, "Take": true, "Last": true, "Find": true, "FirstOrInit": true, "FirstOrCreate": true, "Delete": true,
		"Distinct": true, "Pluck": true, "Table": true},
	"xorm": {"Where": true, "And": true, "Or": true, "OrderBy": true, "Join": true, "GroupBy": true, "Having": true, "Select": true},
	"squirrel": {"Where": true, "Having": true, "OrderBy": true, "GroupBy": true, "Column": true, "Columns": true, "From": true,
		"Join": true, "LeftJoin": true, "Prefix": true, "Suffix": true, "github.com/Masterminds/squirrel.Expr": true},
	"bun": {"Where": true, "WhereOr": true, "Having": true, "OrderExpr": true, "ColumnExpr": true, "TableExpr": true,
		"ModelTableExpr": true, "GroupExpr": true, "Join": true, "Set": true},
	"pop": {"Where": true, "Order": true},
	"ent": {"entgo.io/ent/dialect/sql.ExprP": true, "entgo.io/ent/dialect/sql.Expr": true},
}

// conditions are, per library, the sink methods whose text is a
// condition.
var conditions = map[string]map[string]bool{
	"gorm": {"Where": true, "Or": true, "Not": true, "Having": true,
		"First": true, "Take": true, "Last": true, "Find": true, "FirstOrInit": true, "FirstOrCreate": true, "Delete": true},
	"xorm":     {"Where": true, "And": true, "Or": true, "Having": true},
	"squirrel": {"Where": true, "Having": true},
	"bun":      {"Where": true, "WhereOr": true, "Having": true},
	"pop":      {"Where": true},
	"ent":      {"entgo.io/ent/dialect/sql.ExprP": true},
}

func init() {
	type m struct {
		name        string
		query, args int
	}
	add := func(lib string, d Dialect, anyArg bool, recvs []string, methods ...m) {
		table := sqlSinks
		if learned[lib] {
			table = builderSinks
		}
		for _, r := range recvs {
			for _, x := range methods {
				name := x.name
				if r != "" {
					name = "(" + r + ")." + x.name
				}
				table[name] = SQLSink{Query: x.query, Args: x.args, Library: lib, Dialect: d, AnyArg: anyArg,
					Fragment: clauses[lib][x.name], Cond: conditions[lib][x.name]}
			}
		}
	}

	// database/sql: the driver decides the placeholder style.
	add("database/sql", DialectUnknown, false,
		[]string{"*database/sql.DB", "*database/sql.Tx"},
		m{"Query", 0, 1}, m{"QueryRow", 0, 1}, m{"Exec", 0, 1}, m{"Prepare", 0, -1})
	add("database/sql", DialectUnknown, false,
		[]string{"*database/sql.DB", "*database/sql.Tx", "*database/sql.Conn"},
		m{"QueryContext", 1, 2}, m{"QueryRowContext", 1, 2}, m{"ExecContext", 1, 2}, m{"PrepareContext", 1, -1})

	// sqlx passes positional SQL to the driver as it is (only Rebind and In
	// rewrite "?"), so the driver decides, and "?" is sqlx's default;
	// Named* take :name.
	sqlxTypes := []string{"*github.com/jmoiron/sqlx.DB", "*github.com/jmoiron/sqlx.Tx"}
	add("sqlx", DialectUnknown, false, sqlxTypes,
		m{"Queryx", 0, 1}, m{"QueryRowx", 0, 1}, m{"Select", 1, 2}, m{"Get", 1, 2},
		m{"MustExec", 0, 1}, m{"Preparex", 0, -1},
		m{"MustExecContext", 1, 2}, m{"PreparexContext", 1, -1})
	add("sqlx", DialectUnknown, false, append(sqlxTypes, "*github.com/jmoiron/sqlx.Conn"),
		m{"QueryxContext", 1, 2}, m{"QueryRowxContext", 1, 2},
		m{"SelectContext", 2, 3}, m{"GetContext", 2, 3})
	add("sqlx", Named, false, sqlxTypes,
		m{"NamedExec", 0, -1}, m{"NamedQuery", 0, -1}, m{"PrepareNamed", 0, -1},
		m{"NamedExecContext", 1, -1}, m{"PrepareNamedContext", 1, -1})
	add("sqlx", Named, false, []string{"*github.com/jmoiron/sqlx.DB"}, m{"NamedQueryContext", 1, -1})
	add("sqlx", DialectUnknown, false, []string{""},
		m{"github.com/jmoiron/sqlx.Select", 2, 3}, m{"github.com/jmoiron/sqlx.Get", 2, 3},
		m{"github.com/jmoiron/sqlx.SelectContext", 3, 4}, m{"github.com/jmoiron/sqlx.GetContext", 3, 4},
		m{"github.com/jmoiron/sqlx.MustExec", 1, 2}, m{"github.com/jmoiron/sqlx.MustExecContext", 2, 3},
		m{"github.com/jmoiron/sqlx.Preparex", 1, -1}, m{"github.com/jmoiron/sqlx.PreparexContext", 2, -1})
	add("sqlx", Named, false, []string{""},
		m{"github.com/jmoiron/sqlx.NamedExec", 1, -1}, m{"github.com/jmoiron/sqlx.NamedQuery", 1, -1},
		m{"github.com/jmoiron/sqlx.NamedExecContext", 2, -1}, m{"github.com/jmoiron/sqlx.NamedQueryContext", 2, -1})

	// pgx v4 and v5 speak PostgreSQL: $1, $2, ...
	for _, v := range []string{"v4", "v5"} {
		pgx := "github.com/jackc/pgx/" + v
		add("pgx", Dollar, false,
			[]string{"*" + pgx + ".Conn", pgx + ".Tx", "*" + pgx + "/pgxpool.Pool", "*" + pgx + "/pgxpool.Conn", "*" + pgx + "/pgxpool.Tx"},
			m{"Exec", 1, 2}, m{"Query", 1, 2}, m{"QueryRow", 1, 2})
		add("pgx", Dollar, false, []string{"*" + pgx + ".Conn", pgx + ".Tx", "*" + pgx + "/pgxpool.Tx"},
			m{"Prepare", 2, -1})
		add("pgx", Dollar, false, []string{"*" + pgx + ".Batch"}, m{"Queue", 0, 1})
	}

	// gorm: "?" whatever the driver; most chain methods take SQL fragments.
	gormDB := []string{"*gorm.io/gorm.DB"}
	add("gorm", Question, false, gormDB, m{"Raw", 0, 1}, m{"Exec", 0, 1}, m{"Joins", 0, 1}, m{"InnerJoins", 0, 1})
	add("gorm", Question, true, gormDB,
		m{"Where", 0, 1}, m{"Or", 0, 1}, m{"Not", 0, 1}, m{"Having", 0, 1}, m{"Select", 0, 1})
	add("gorm", Question, true, gormDB, m{"Order", 0, -1})
	add("gorm", Question, false, gormDB, m{"Group", 0, -1})
	// Inline conditions: a string first condition that is not a number is
	// SQL (gorm.io/docs/security.html): db.First(&user, "1=1; DROP ...").
	add("gorm", Question, true, gormDB,
		m{"First", 1, 2}, m{"Take", 1, 2}, m{"Last", 1, 2}, m{"Find", 1, 2},
		m{"FirstOrInit", 1, 2}, m{"FirstOrCreate", 1, 2}, m{"Delete", 1, 2},
		m{"Distinct", 0, 1}) // Distinct(args...) is Select(args[0], args[1:]...)
	add("gorm", Question, false, gormDB, m{"Table", 0, 1}, m{"Pluck", 0, -1})

	// xorm rewrites "?" for the driver. Exec and the Query family take the
	// SQL and its values in one variadic list: the values follow the SQL.
	xorm := []string{"*xorm.io/xorm.Engine", "*xorm.io/xorm.Session"}
	add("xorm", Question, true, xorm,
		m{"SQL", 0, 1}, m{"Where", 0, 1}, m{"OrderBy", 0, 1}, m{"Join", 2, 3},
		m{"Exec", 0, 1}, m{"Query", 0, 1}, m{"QueryString", 0, 1}, m{"QueryInterface", 0, 1})
	add("xorm", Question, true, []string{"*xorm.io/xorm.Session"}, m{"And", 0, 1}, m{"Or", 0, 1})
	add("xorm", Question, false, xorm, m{"GroupBy", 0, -1}, m{"Having", 0, -1}, m{"Select", 0, -1})

	// Query builders: "?" in the text, rewritten for the driver. The
	// fragments they splice into the statement are SQL as written.
	squirrel := "github.com/Masterminds/squirrel."
	add("squirrel", Question, true, []string{squirrel + "SelectBuilder", squirrel + "UpdateBuilder", squirrel + "DeleteBuilder"},
		m{"Where", 0, 1})
	add("squirrel", Question, true, []string{squirrel + "SelectBuilder"}, m{"Having", 0, 1}, m{"Column", 0, 1})
	add("squirrel", Question, false, []string{squirrel + "SelectBuilder"},
		m{"OrderBy", 0, -1}, m{"GroupBy", 0, -1}, m{"Columns", 0, -1}, m{"From", 0, -1},
		m{"Join", 0, 1}, m{"LeftJoin", 0, 1}, m{"Prefix", 0, 1}, m{"Suffix", 0, 1})
	add("squirrel", Question, false, []string{""}, m{squirrel + "Expr", 0, 1})

	bun := "*github.com/uptrace/bun."
	add("bun", Question, false, []string{bun + "SelectQuery", bun + "UpdateQuery", bun + "DeleteQuery"},
		m{"Where", 0, 1}, m{"WhereOr", 0, 1})
	add("bun", Question, false, []string{bun + "SelectQuery"},
		m{"Having", 0, 1}, m{"OrderExpr", 0, 1}, m{"ColumnExpr", 0, 1}, m{"TableExpr", 0, 1},
		m{"ModelTableExpr", 0, 1}, m{"GroupExpr", 0, 1}, m{"Join", 0, 1})
	add("bun", Question, false, []string{bun + "UpdateQuery"}, m{"Set", 0, 1})
	add("bun", Question, false, []string{bun + "DB"}, m{"NewRaw", 0, 1})

	pop := []string{"*github.com/gobuffalo/pop/v6.Connection", "*github.com/gobuffalo/pop/v6.Query"}
	add("pop", Question, false, pop, m{"Where", 0, 1}, m{"RawQuery", 0, 1}, m{"Order", 0, 1})

	// ent: its driver takes the statement and its arguments as one value;
	// its builder's predicates take "?".
	add("ent", DialectUnknown, false, []string{"entgo.io/ent/dialect.ExecQuerier", "entgo.io/ent/dialect/sql.Conn"},
		m{"Query", 1, -1}, m{"Exec", 1, -1})
	add("ent", Question, false, []string{""},
		m{"entgo.io/ent/dialect/sql.ExprP", 0, 1}, m{"entgo.io/ent/dialect/sql.Expr", 0, 1})
}

// learned are the libraries whose sinks go to builderSinks.
var learned = map[string]bool{"squirrel": true, "bun": true, "pop": true, "ent": true}

// LookupSQLSink reports whether fn sends SQL text to a database, and how.
func LookupSQLSink(fn *types.Func) (SQLSink, bool) {
	name := FuncName(fn)
	if s, ok := sqlSinks[name]; ok {
		return s, true
	}
	s, ok := builderSinks[name]
	return s, ok
}

// SQLLibraryPackages are the packages whose import makes SQL sinks reachable.
var SQLLibraryPackages = []string{
	"database/sql",
	"github.com/jmoiron/sqlx",
	"github.com/jackc/pgx/v4", "github.com/jackc/pgx/v4/pgxpool",
	"github.com/jackc/pgx/v5", "github.com/jackc/pgx/v5/pgxpool",
	"gorm.io/gorm",
	"xorm.io/xorm",
	"github.com/Masterminds/squirrel",
	"github.com/uptrace/bun",
	"github.com/gobuffalo/pop/v6",
	"entgo.io/ent/dialect", "entgo.io/ent/dialect/sql",
}

// DriverDialects maps a database/sql driver package, usually imported for
// its side effect, to its placeholder style.
var DriverDialects = map[string]Dialect{
	"github.com/lib/pq":                      Dollar,
	"github.com/jackc/pgx/v4/stdlib":         Dollar,
	"github.com/jackc/pgx/v5/stdlib":         Dollar,
	"github.com/go-sql-driver/mysql":         Question,
	"github.com/mattn/go-sqlite3":            Question,
	"modernc.org/sqlite":                     Question,
	"github.com/glebarez/go-sqlite":          Question,
	"github.com/ClickHouse/clickhouse-go/v2": Question,
}

// Engine is where a database driver's queries go: into the process, or
// over a connection to a server.
type Engine uint8

const (
	// Embedded engines run in the process (SQLite, DuckDB): a query is a
	// function call, and many small queries cost what one does
	// (https://www.sqlite.org/np1queryprob.html).
	Embedded Engine = 1 << iota
	// Server engines answer over a connection: each query is a round
	// trip.
	Server
)

// DatabaseDrivers maps the module or package of a database driver, or of
// an ORM's driver for one engine, to where its queries go; a package
// under a path listed is that driver's too (pgx/v5/pgxpool). A program
// whose packages import only embedded drivers talks to no server.
var DatabaseDrivers = map[string]Engine{
	"github.com/mattn/go-sqlite3":                  Embedded,
	"modernc.org/sqlite":                           Embedded,
	"github.com/glebarez/go-sqlite":                Embedded,
	"github.com/glebarez/sqlite":                   Embedded,
	"github.com/ncruces/go-sqlite3":                Embedded,
	"gorm.io/driver/sqlite":                        Embedded,
	"zombiezen.com/go/sqlite":                      Embedded,
	"crawshaw.io/sqlite":                           Embedded,
	"github.com/marcboeker/go-duckdb":              Embedded,
	"github.com/duckdb/duckdb-go":                  Embedded,
	"github.com/uptrace/bun/driver/sqliteshim":     Embedded,
	"github.com/uptrace/bun/dialect/sqlitedialect": Embedded,
	"github.com/lib/pq":                            Server,
	"github.com/go-sql-driver/mysql":               Server,
	"github.com/microsoft/go-mssqldb":              Server,
	"github.com/denisenkom/go-mssqldb":             Server,
	"github.com/uptrace/bun/driver/pgdriver":       Server,
	"github.com/sijms/go-ora/v2":                   Server,
	"github.com/godror/godror":                     Server,
	"github.com/snowflakedb/gosnowflake":           Server,
	"github.com/tursodatabase/libsql-client-go":    Server,
	"gorm.io/driver/postgres":                      Server,
	"gorm.io/driver/mysql":                         Server,
	"gorm.io/driver/sqlserver":                     Server,
	"gorm.io/driver/clickhouse":                    Server,
	"cloud.google.com/go/spanner":                  Server,
	"go.mongodb.org/mongo-driver":                  Server,
	"github.com/uptrace/bun/dialect/pgdialect":     Server,
	"github.com/uptrace/bun/dialect/mysqldialect":  Server,
	"github.com/uptrace/bun/dialect/mssqldialect":  Server,
	"github.com/jackc/pgx":                         Server,
	"github.com/ClickHouse/clickhouse-go":          Server,
	"github.com/go-pg/pg":                          Server,
	"github.com/mattn/go-oci8":                     Server,
	"github.com/nakagami/firebirdsql":              Server,
	"github.com/SAP/go-hdb":                        Server,
	"github.com/trinodb/trino-go-client":           Server,
	"github.com/googleapis/go-sql-spanner":         Server,
	"cloud.google.com/go/cloudsqlconn":             Server,
}

// DriverEngine returns where the queries of the driver at an import path
// go, or 0 when the path is no driver the table knows.
func DriverEngine(path string) Engine {
	for p := path; ; {
		if e, ok := DatabaseDrivers[p]; ok {
			return e
		}
		i := strings.LastIndex(p, "/")
		if i < 0 {
			return 0
		}
		p = p[:i]
	}
}

// SQLOpeners open a database through a database/sql driver named by the
// string at the index given: sql.Open("postgres", dsn). The name tells the
// driver's placeholder style, often in a package that never imports the
// driver (main does, for its side effect).
var SQLOpeners = map[string]int{
	"database/sql.Open":                      0,
	"github.com/jmoiron/sqlx.Open":           0,
	"github.com/jmoiron/sqlx.MustOpen":       0,
	"github.com/jmoiron/sqlx.Connect":        0,
	"github.com/jmoiron/sqlx.MustConnect":    0,
	"github.com/jmoiron/sqlx.ConnectContext": 1,
	"github.com/jmoiron/sqlx.NewDb":          1,
}

// DriverNames maps the name a database/sql driver registers under to its
// placeholder style.
var DriverNames = map[string]Dialect{
	"postgres":         Dollar, // lib/pq
	"pgx":              Dollar, // pgx/v4/stdlib, pgx/v5/stdlib
	"pgx/v5":           Dollar,
	"cloudsqlpostgres": Dollar,
	"mysql":            Question,
	"sqlite3":          Question, // mattn/go-sqlite3
	"sqlite":           Question, // modernc.org/sqlite, glebarez/go-sqlite
	"clickhouse":       Question,
}

// SQLQuoters make a string safe to splice into SQL: they quote an
// identifier or a literal the way the server parses it.
var SQLQuoters = map[string]bool{
	"github.com/lib/pq.QuoteIdentifier":             true,
	"github.com/lib/pq.QuoteLiteral":                true,
	"(github.com/jackc/pgx/v4.Identifier).Sanitize": true,
	"(github.com/jackc/pgx/v5.Identifier).Sanitize": true,
}

// SQLTransparent are functions whose string result is their argument,
// reshaped but no safer and no more dangerous: the value at index Arg
// flows through to result Result.
var SQLTransparent = map[string]struct{ Arg, Result int }{
	"strings.TrimSpace":                       {0, 0},
	"strings.ToLower":                         {0, 0},
	"strings.ToUpper":                         {0, 0},
	"strings.Trim":                            {0, 0},
	"strings.TrimLeft":                        {0, 0},
	"strings.TrimRight":                       {0, 0},
	"strings.TrimPrefix":                      {0, 0},
	"strings.TrimSuffix":                      {0, 0},
	"strings.Clone":                           {0, 0},
	"github.com/jmoiron/sqlx.Rebind":          {1, 0},
	"(*github.com/jmoiron/sqlx.DB).Rebind":    {0, 0},
	"(*github.com/jmoiron/sqlx.Tx).Rebind":    {0, 0},
	"github.com/jmoiron/sqlx.In":              {0, 0},
	"github.com/jmoiron/sqlx.Named":           {0, 0},
	"(*github.com/jmoiron/sqlx.DB).BindNamed": {0, 0},
}

// RegexpSubmatches return the text a compiled regular expression's groups
// matched, indexed by group: re.FindStringSubmatch(s)[1] holds only what
// group 1 can match (strexpr reads \w+ as safe text).
var RegexpSubmatches = map[string]bool{
	"(*regexp.Regexp).FindStringSubmatch": true,
}

// RegexpCompilers compile the regular expression their first argument
// spells.
var RegexpCompilers = map[string]bool{
	"regexp.MustCompile":      true,
	"regexp.MustCompilePOSIX": true,
}

// RegexpMatchers report whether a compiled regular expression (the
// receiver) matches the text of their first argument: re.MatchString(s)
// guarding s with an anchored pattern of word characters makes s an
// identifier (strexpr's guards).
var RegexpMatchers = map[string]bool{
	"(*regexp.Regexp).MatchString": true,
}

// Memberships report whether their second argument is an element of their
// first: slices.Contains(allowed, s) true means s is one of allowed.
var Memberships = map[string]bool{
	"slices.Contains": true,
}

// ErrorMakers return an error that is never nil: a validator that returns
// one has rejected its input.
var ErrorMakers = map[string]bool{
	"errors.New": true,
	"fmt.Errorf": true,
}

// NoReturn are the functions that never return to their caller: a check
// whose failing branch calls one rejects the value as surely as a return.
var NoReturn = map[string]bool{
	"log.Fatal":             true,
	"log.Fatalf":            true,
	"log.Fatalln":           true,
	"log.Panic":             true,
	"log.Panicf":            true,
	"log.Panicln":           true,
	"os.Exit":               true,
	"(*log.Logger).Fatal":   true,
	"(*log.Logger).Fatalf":  true,
	"(*log.Logger).Fatalln": true,
	"(*log.Logger).Panic":   true,
	"(*log.Logger).Panicf":  true,
	"(*log.Logger).Panicln": true,
}

// SafeStringers produce text that cannot change the meaning of SQL it is
// spliced into: numbers, booleans, times, UUIDs.
var SafeStringers = map[string]bool{
	"strconv.Itoa":                            true,
	"strconv.FormatInt":                       true,
	"strconv.FormatUint":                      true,
	"strconv.FormatFloat":                     true,
	"strconv.FormatBool":                      true,
	"(time.Time).Format":                      true,
	"(time.Time).String":                      true,
	"(time.Duration).String":                  true,
	"(github.com/google/uuid.UUID).String":    true,
	"(github.com/gofrs/uuid.UUID).String":     true,
	"(github.com/gofrs/uuid/v5.UUID).String":  true,
	"(github.com/satori/go.uuid.UUID).String": true,
}

var sqlSinkReceivers = sync.OnceValue(func() map[string][]string { return receiversByMethod(sqlSinks) })

// LookupInterfaceSQLSink reports whether fn, a method of an interface,
// has the name and signature of a sink method of a library type the
// interface's package imports: calls through such an interface reach the
// database (sqlc's DBTX, a repository's Querier).
func LookupInterfaceSQLSink(fn *types.Func) (SQLSink, bool) {
	recv, ok := implementer(fn, sqlSinkReceivers()[fn.Name()])
	if !ok {
		return SQLSink{}, false
	}
	return sqlSinks["("+recv+")."+fn.Name()], true
}

func sameSignature(a, b *types.Signature) bool {
	strip := func(s *types.Signature) *types.Signature {
		return types.NewSignatureType(nil, nil, nil, s.Params(), s.Results(), s.Variadic())
	}
	return types.Identical(strip(a), strip(b))
}

// TextSplitters cut a text into pieces: a loop over the pieces of a text
// the program carries (a schema split on ";") walks a fixed script.
var TextSplitters = map[string]bool{
	"strings.Split":     true,
	"strings.SplitN":    true,
	"strings.SplitSeq":  true,
	"strings.Fields":    true,
	"strings.FieldsSeq": true,
	"bytes.Split":       true,
	"bytes.SplitN":      true,
	"bytes.SplitSeq":    true,
}

// QueryLimits cap the rows a query builder's fetch returns, by the
// argument at the index given: db.Limit(5).Find(&rows) fills rows with
// five at most, whatever the table holds.
var QueryLimits = map[string]int{
	"(*gorm.io/gorm.DB).Limit":      0,
	"(*xorm.io/xorm.Session).Limit": 0,
	"(*xorm.io/xorm.Engine).Limit":  0,
}
