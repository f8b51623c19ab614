package knowledge

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/crisislint/crisislint/internal/realmod"
	"golang.org/x/tools/go/packages"
)

// What the names of a table are.
type kind int

const (
	funcNamesKind kind = iota // functions and methods, as FuncName prints them
	typeNames                 // types, as TypeName prints them, * allowed
	varNames                  // package-level variables
	pkgPaths                  // import paths
)

// table is a table of the package and what its names are.
type table struct {
	kind  kind
	names []string
}

// tables returns the package's tables by the name they are declared
// with, and what their names are.
func tables() map[string]table {
	frameworks := make([]string, 0, len(Frameworks))
	for _, f := range Frameworks {
		frameworks = append(frameworks, f.Param)
	}
	var blocking []string
	for name := range RedisBlocking {
		blocking = append(blocking, "(github.com/redis/go-redis/v9.cmdable)."+name)
	}
	var timeoutTypes []string
	for _, r := range TimeoutRules {
		timeoutTypes = append(timeoutTypes, r.Type)
	}
	var readServes []string
	for _, rs := range ReadServers {
		readServes = slices.Concat(readServes, keys(rs.Makers), keys(rs.Serves), keys(rs.Bare))
	}
	fn := func(names ...string) table { return table{funcNamesKind, names} }
	ty := func(names ...string) table { return table{typeNames, names} }
	pk := func(names ...string) table { return table{pkgPaths, names} }
	return map[string]table{
		"sqlSinks":             fn(keys(sqlSinks)...),
		"builderSinks":         fn(keys(builderSinks)...),
		"dbRoundTrips":         fn(keys(dbRoundTrips)...),
		"networkCalls":         fn(keys(networkCalls)...),
		"BodyLimitMiddleware":  fn(keys(BodyLimitMiddleware)...),
		"BodyLimiters":         fn(keys(BodyLimiters)...),
		"BodyLimiterTypes":     ty(keys(BodyLimiterTypes)...),
		"ServeMuxMakers":       fn(keys(ServeMuxMakers)...),
		"ContextBodyReaders":   fn(keys(ContextBodyReaders)...),
		"ContextDerivers":      fn(keys(ContextDerivers)...),
		"DeliberateDetachers":  fn(keys(DeliberateDetachers)...),
		"RequestContext":       fn(RequestContext),
		"ContextErr":           fn(ContextErr),
		"ErrorsIs":             fn(ErrorsIs),
		"URLQuery":             fn(URLQuery),
		"ContextSetters":       fn(keys(ContextSetters)...),
		"ContextVariants":      fn(keys(ContextVariants)...),
		"Detachers":            fn(keys(Detachers)...),
		"Messaging":            fn(keys(Messaging)...),
		"JobDeliveryVerifiers": fn(keys(JobDeliveryVerifiers)...),
		"RequestHeaderReaders": fn(keys(RequestHeaderReaders)...),
		"HeaderMap":            ty(HeaderMap),
		"MessagingClients":     ty(keys(MessagingClients)...),
		"MessagingPackages":    pk(keys(MessagingPackages)...),
		"MultipartParsers":     fn(keys(MultipartParsers)...),
		"OnceRunners":          fn(keys(OnceRunners)...),
		"AsyncRunners":         fn(keys(AsyncRunners)...),
		"UntimedServes":        fn(keys(UntimedServes)...),
		"FieldServes":          fn(keys(FieldServes)...),
		"SchemaChanges":        fn(keys(SchemaChanges)...),
		"Clock":                fn(keys(Clock)...),
		"PoolPrepares":         fn(keys(PoolPrepares)...),
		"ReaderWrappers":       fn(keys(ReaderWrappers)...),
		"SQLOpeners":           fn(keys(SQLOpeners)...),
		"SQLQuoters":           fn(keys(SQLQuoters)...),
		"SQLTransparent":       fn(keys(SQLTransparent)...),
		"SafeStringers":        fn(keys(SafeStringers)...),
		"RegexpSubmatches":     fn(keys(RegexpSubmatches)...),
		"RegexpCompilers":      fn(keys(RegexpCompilers)...),
		"RegexpMatchers":       fn(keys(RegexpMatchers)...),
		"Memberships":          fn(keys(Memberships)...),
		"NoReturn":             fn(keys(NoReturn)...),
		"ErrorMakers":          fn(keys(ErrorMakers)...),
		"Sleepers":             fn(keys(Sleepers)...),
		"StartupWork":          fn(keys(StartupWork)...),
		"StartupWrappers":      fn(keys(StartupWrappers)...),
		"UploadOpeners":        fn(keys(UploadOpeners)...),
		"PartReaders":          fn(keys(PartReaders)...),
		"MultipartReaders":     fn(keys(MultipartReaders)...),
		"MultipartForms":       fn(keys(MultipartForms)...),
		"MemoryCopies":         fn(keys(MemoryCopies)...),
		"MemoryWriters":        ty(keys(MemoryWriters)...),
		"MemoryReaders":        fn(keys(MemoryReaders)...),
		"FakeServers":          fn(keys(FakeServers)...),
		"UserInputs":           fn(keys(UserInputs)...),
		"RequestBinders":       fn(keys(RequestBinders)...),
		"DecoderSources":       fn(keys(DecoderSources)...),
		"WholeReaders":         fn(keys(WholeReaders)...),
		"DefaultClientSends":   fn(keys(DefaultClientSends)...),
		"ClientSends":          fn(keys(ClientSends)...),
		"TransportClones":      fn(keys(TransportClones)...),
		"DeadlineMiddleware":   fn(keys(DeadlineMiddleware)...),
		"UntimedClients":       fn(keys(UntimedClients)...),
		"ClientTimeoutSetters": fn(keys(ClientTimeoutSetters)...),
		"BareServes":           fn(keys(BareServes)...),
		"ReadServers":          fn(readServes...),
		"DiagnosticHandlers":   fn(keys(DiagnosticHandlers)...),
		"DiagnosticWrappers":   fn(keys(DiagnosticWrappers)...),
		"MuxRegisters":         fn(keys(MuxRegisters)...),
		"DeadlineContexts":     fn(keys(DeadlineContexts)...),
		"Pacers":               fn(keys(Pacers)...),
		"StreamReads":          fn(keys(StreamReads)...),
		"Retriers":             fn(keys(Retriers)...),
		"Breakers":             fn(keys(Breakers)...),
		"Growers":              fn(keys(Growers)...),
		"Lookups":              fn(keys(Lookups)...),
		"CacheFills":           fn(keys(CacheFills)...),
		"GiveUpCalls":          fn(keys(GiveUpCalls)...),
		"ClientIdentities":     fn(keys(ClientIdentities)...),
		"TextSplitters":        fn(keys(TextSplitters)...),
		"QueryLimits":          fn(keys(QueryLimits)...),
		"Shrinkers":            fn(keys(Shrinkers)...),
		"BoundedCaches":        fn(keys(BoundedCaches)...),
		"CacheCalls":           fn(keys(CacheCalls)...),
		"RueidisCommands":      fn(keys(RueidisCommands)...),
		"RueidisArgs":          fn(keys(RueidisArgs)...),
		"LoadGuards":           fn(keys(LoadGuards)...),
		"ModelHooks":           fn(keys(ModelHooks)...),
		"RequestPosts":         fn(keys(RequestPosts)...),
		"FreshKeys":            fn(keys(FreshKeys)...),
		"RequestHeaderSetters": fn(keys(RequestHeaderSetters)...),
		"RouteTemplates":       fn(keys(RouteTemplates)...),
		"stripeCalls":          fn(stripeNames()...),
		"TestingTesting":       fn(TestingTesting),

		"Frameworks":            ty(frameworks...),
		"MiddlewareResults":     ty(keys(MiddlewareResults)...),
		"Mutexes":               ty(keys(Mutexes)...),
		"TimerTypes":            ty(keys(TimerTypes)...),
		"RPCRequestTypes":       ty(keys(RPCRequestTypes)...),
		"RedisBatchTypes":       ty(keys(RedisBatchTypes)...),
		"RedisBlocking":         fn(blocking...),
		"redisCommandReceivers": ty(keys(redisCommandReceivers)...),
		"RequestType":           ty(RequestType),
		"ServeMuxType":          ty(ServeMuxType),
		"Elapsed":               fn(Elapsed),
		"StatementType":         ty(StatementType),
		"WriterType":            ty(WriterType),
		"GRPCServiceDesc":       ty(GRPCServiceDesc),
		"GraphQLSchema":         ty(GraphQLSchema),
		"GrowableTypes":         ty(keys(GrowableTypes)...),
		"ContextCarriers":       ty(keys(ContextCarriers)...),
		"TimeoutRules":          ty(timeoutTypes...),
		"ResponseStatus":        ty(keys(ResponseStatus)...),
		"RouteTemplateFields":   ty(keys(RouteTemplateFields)...),

		"UserInputVars":   {varNames, keys(UserInputVars)},
		"DefaultServeMux": {varNames, []string{DefaultServeMux}},

		"DriverDialects":     pk(keys(DriverDialects)...),
		"DatabaseDrivers":    pk(keys(DatabaseDrivers)...),
		"GraphQLPackages":    pk(GraphQLPackages...),
		"HTTPPackages":       pk(HTTPPackages...),
		"DiagnosticPackages": pk(keys(DiagnosticPackages)...),
		"ioRoots":            pk(keys(ioRoots)...),
		"Transactions":       fn(keys(Transactions)...),
		"OutsideWork":        fn(keys(OutsideWork)...),
		"SQLLibraryPackages": pk(SQLLibraryPackages...),
		"TestingPackages":    pk(keys(TestingPackages)...),
		"Randomizers":        pk(keys(Randomizers)...),
		"batchRemedies":      pk(keys(batchRemedies)...),
		"writeRemedies":      pk(keys(writeRemedies)...),
	}
}

// unchecked are the package-level names that are no table of Go names,
// or whose names the test checks otherwise.
var unchecked = map[string]string{
	"DriverNames":              "names database/sql drivers register at run time",
	"JobDeliveryHeaders":       "HTTP header names, checked canonical by TestJobDeliveryHeaders",
	"clauses":                  "method names of sqlSinks entries, checked with them",
	"conditions":               "method names of sqlSinks entries, checked with them",
	"learned":                  "library names of builderSinks entries, checked with them",
	"Embedded":                 "an Engine, the value of DatabaseDrivers entries",
	"Server":                   "an Engine, the value of DatabaseDrivers entries",
	"redisNotCommands":         "method names of the redis command receivers",
	"writeMethods":             "method name prefixes",
	"rowMethods":               "method names of database/sql and sqlx receivers",
	"stdRoots":                 "the first elements of the standard library's paths",
	"GRPCHandlerType":          "a field of GRPCServiceDesc: checked with it",
	"MultipartMemoryLimit":     "a number of bytes",
	"ShortTimeout":             "a duration",
	"TestDirs":                 "directory names of a module's test suite",
	"DialectUnknown":           "a Dialect",
	"Question":                 "a Dialect",
	"Dollar":                   "a Dialect",
	"Named":                    "a Dialect",
	"funcNames":                "FuncName's cache",
	"describedPackages":        "made from the checked tables",
	"dbRoundTripReceivers":     "made from dbRoundTrips",
	"sqlSinkReceivers":         "made from sqlSinks",
	"ClientTimeout":            "a FieldRule: checked with TimeoutRules",
	"TransportResponseTimeout": "a FieldRule: checked with TimeoutRules",
	"TransportDial":            "a FieldRule: checked with TimeoutRules",
	"DialerTimeout":            "a FieldRule: checked with TimeoutRules",
	"ServerTimeout":            "a FieldRule: checked with TimeoutRules",
	"DefaultClient":            "a variable of net/http, checked with DefaultClientSends' package",
	"DefaultTransport":         "a variable of net/http, checked with DefaultClientSends' package",
	"ConflictWords":            "words of error names",
	"TransientWords":           "words of error names",
	"TimeoutWords":             "words of error names",
	"DevModeWords":             "words of setting names",
	"ProdModeWords":            "words of setting names",
	"NegatingWords":            "words of setting names",
	"ConflictCodes":            "error codes of databases, as constants print",
	"OverloadStatuses":         "HTTP status codes",
	"CacheGet":                 "a CacheOp",
	"CacheSet":                 "a CacheOp",
	"CacheDel":                 "a CacheOp",
	"CacheExpire":              "a CacheOp",
	"Duration":                 "a TTLUnit",
	"Seconds":                  "a TTLUnit",
	"Milliseconds":             "a TTLUnit",
	"RueidisKey":               "a RueidisRole",
	"RueidisValue":             "a RueidisRole",
	"RueidisTTL":               "a RueidisRole",
	"RueidisIfAbsent":          "a RueidisRole",
	"RueidisOtherExpiry":       "a RueidisRole",
	"rueidisCmds":              "the prefix of RueidisCommands, checked with them",
	"MemcacheMaxRelative":      "a number of seconds",
	"ItemKey":                  "a field of gomemcache's Item: checked with CacheCalls",
	"ItemValue":                "a field of gomemcache's Item: checked with CacheCalls",
	"ItemTTL":                  "a field of gomemcache's Item: checked with CacheCalls",
	"cachePackages":            "made from CacheCalls",
	"stripeModule":             "the prefix of every stripe-go major's path",
	"stripeMajor":              "a pattern of stripe-go's paths",
	"StripeOldest":             "a major version number",
	"stripeParamsType":         "checked by TestStripeIdempotencyKey",
	"stripeKeySetter":          "checked by TestStripeIdempotencyKey",
	"StripeKeyField":           "checked by TestStripeIdempotencyKey",
	"StripeKeyMethod":          "checked with stripeCalls (checkPaymentCall)",
	"orderReferenceFields":     "checked by TestStripeOrderReference",
	"paymentHosts":             "host names of payment APIs, not Go names",
	"PeerRules":                "other linters' rule names, not Go names",
	"TimeType":                 "a type of the standard library, as TypeName prints it",
	"ContextType":              "a type of the standard library, as TypeName prints it",
	"DurationType":             "a type of the standard library, as TypeName prints it",
	"RoundTripperType":         "a type of the standard library, as TypeName prints it",
	"ServedRequestField":       "a field of net/http.Request",
	"MultipartFormField":       "a field of net/http.Request",
	"BindsContext":             "a source of a Binder",
	"BindsReceiver":            "a source of a Binder",
	"BindTags":                 "struct tag keys",
	"ClosedRules":              "validator rule names, in struct tags",
	"AWSServices":              "a prefix of import paths: checked by TestSDKOperations",
}

// TestSDKOperations checks SDKOperation against the AWS SDK v2's real
// service packages: every method of a Client that has an input type of
// its name is an operation, no other method is, and every paginator's
// NextPage is one.
func TestSDKOperations(t *testing.T) {
	services := []string{AWSServices + "sns", AWSServices + "ses", AWSServices + "sesv2"}
	loaded := loadProvided(t, realmod.Dir(t), services)
	for _, path := range services {
		pkg := loaded[path]
		if pkg == nil {
			t.Errorf("%s did not load from testdata/realmod", path)
			continue
		}
		ops, pages := 0, 0
		for _, name := range pkg.Scope().Names() {
			tn, ok := pkg.Scope().Lookup(name).(*types.TypeName)
			if !ok || !tn.Exported() {
				continue
			}
			ptr := types.NewPointer(tn.Type())
			mset := types.NewMethodSet(ptr)
			for i := range mset.Len() {
				m := mset.At(i).Obj().(*types.Func)
				_, hasInput := pkg.Scope().Lookup(m.Name() + "Input").(*types.TypeName)
				want := name == "Client" && hasInput || strings.HasSuffix(name, "Paginator") && m.Name() == "NextPage"
				if got := SDKOperation(m); got != want {
					t.Errorf("SDKOperation(%s) = %t, want %t", FuncName(m), got, want)
				}
				if want && name == "Client" {
					ops++
				} else if want {
					pages++
				}
			}
		}
		if ops == 0 || path == AWSServices+"sns" && pages == 0 {
			t.Errorf("%s: %d operations and %d paginators found", path, ops, pages)
		}
	}
}

// TestTablesAreListed reads the package-level variables and constants
// from the package's source: each must be a table the real-API test
// checks, or say why it is not one.
func TestTablesAreListed(t *testing.T) {
	fset := token.NewFileSet()
	declared := make(map[string]bool)
	names, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range names {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && (g.Tok == token.VAR || g.Tok == token.CONST) {
				for _, s := range g.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						declared[n.Name] = true
					}
				}
			}
		}
	}
	listed := tables()
	for name := range declared {
		if _, ok := listed[name]; !ok && unchecked[name] == "" {
			t.Errorf("%s is not checked against the real modules: add it to tables(), or to unchecked with the reason", name)
		}
	}
	for name := range listed {
		if !declared[name] {
			t.Errorf("tables() lists %s, which the package does not declare", name)
		}
	}
	for name := range unchecked {
		if !declared[name] {
			t.Errorf("unchecked lists %s, which the package does not declare", name)
		}
	}
}

// TestTablesMatchRealAPIs resolves every name in the tables against the
// real packages (the standard library, and the modules of
// testdata/realmod), from export data: a typo or an API that moved would
// otherwise make an analyzer silently blind.
func TestTablesMatchRealAPIs(t *testing.T) {
	all := tables()
	paths := make(map[string]bool)
	for _, tb := range all {
		for _, n := range tb.names {
			switch tb.kind {
			case pkgPaths:
				paths[n] = true
			default:
				paths[PackageOf(strings.TrimPrefix(n, "*"))] = true
			}
		}
	}
	dir := realmod.Dir(t)
	loaded := loadProvided(t, dir, slices.Sorted(maps.Keys(paths)))
	for _, must := range []string{"database/sql", "net/http", "github.com/gin-gonic/gin", "github.com/labstack/echo/v4",
		"github.com/jmoiron/sqlx", "github.com/jackc/pgx/v5", "github.com/jackc/pgx/v5/pgxpool", "gorm.io/gorm", "github.com/lib/pq",
		"github.com/go-resty/resty/v2", "github.com/hashicorp/go-retryablehttp", "github.com/cenkalti/backoff/v4",
		"github.com/cenkalti/backoff/v5", "github.com/avast/retry-go/v4", "github.com/failsafe-go/failsafe-go",
		"github.com/sony/gobreaker", "github.com/sony/gobreaker/v2", "github.com/afex/hystrix-go/hystrix",
		"github.com/hashicorp/golang-lru/v2", "golang.org/x/time/rate",
		"github.com/valyala/fasthttp", "github.com/gofiber/fiber/v2", "github.com/gofiber/fiber/v3"} {
		if loaded[must] == nil {
			t.Errorf("package %s did not load from testdata/realmod", must)
		}
	}
	for p := range Randomizers {
		paths[p] = true
	}
	for _, major := range stripeMajors {
		paths[PackageOf(strings.Replace(stripeKeySetter, "vN", "v"+strconv.Itoa(major), 1))] = true
	}

	checked := 0
	for _, name := range slices.Sorted(maps.Keys(all)) {
		tb := all[name]
		for _, n := range tb.names {
			path := PackageOf(strings.TrimPrefix(n, "*"))
			if tb.kind == pkgPaths {
				path = n
			}
			pkg := loaded[path]
			if pkg == nil {
				t.Logf("%s: not checked (its module is not in testdata/realmod): %s", name, n)
				continue
			}
			checked++
			switch tb.kind {
			case funcNamesKind:
				checkFunc(t, pkg, name, n)
				checkCall(t, pkg, n)
			case typeNames:
				base := strings.TrimPrefix(n, "*")
				if tn, ok := pkg.Scope().Lookup(base[strings.LastIndex(base, ".")+1:]).(*types.TypeName); !ok || TypeName(tn.Type()) != base {
					t.Errorf("%s: %s: no such type in %s", name, n, pkg.Path())
				}
			case varNames:
				if _, ok := pkg.Scope().Lookup(n[strings.LastIndex(n, ".")+1:]).(*types.Var); !ok {
					t.Errorf("%s: %s: no such variable", name, n)
				}
			}
		}
	}
	for _, r := range TimeoutRules {
		checkFields(t, loaded[r.Type[:strings.LastIndex(r.Type, ".")]], r)
	}
	for _, rs := range ReadServers {
		checkReadServer(t, loaded, rs)
	}
	checkSends(t, loaded)
	// A route's template is a string field, or a string its function
	// returns first.
	for name, field := range RouteTemplateFields {
		pkg, tn := lookupType(loaded, name)
		if tn == nil {
			continue // not loaded, or reported as no such type
		}
		obj, _, _ := types.LookupFieldOrMethod(tn.Type(), true, pkg, field)
		if v, ok := obj.(*types.Var); !ok || !v.IsField() || !types.Identical(v.Type(), types.Typ[types.String]) {
			t.Errorf("RouteTemplateFields: %s has no string field %s", name, field)
		}
	}
	for name := range RouteTemplates {
		if fn := lookupFunc(loaded[PackageOf(name)], name); fn != nil {
			if res := fn.Signature().Results(); res.Len() == 0 || !types.Identical(res.At(0).Type(), types.Typ[types.String]) {
				t.Errorf("RouteTemplates: %s returns no string first", name)
			}
		}
	}
	// A response's status is an int field, or a method taking nothing
	// that returns one.
	for name, member := range ResponseStatus {
		pkg, tn := lookupType(loaded, name)
		if tn == nil {
			continue // not loaded, or reported as no such type
		}
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, pkg, member)
		var typ types.Type
		switch obj := obj.(type) {
		case *types.Var:
			typ = obj.Type()
		case *types.Func:
			if sig := obj.Signature(); sig.Params().Len() == 0 && sig.Results().Len() == 1 {
				typ = sig.Results().At(0).Type()
			}
		}
		if typ == nil || !types.Identical(typ, types.Typ[types.Int]) {
			t.Errorf("ResponseStatus: %s has no %s that gives an int", name, member)
		}
	}
	for name, b := range BareServes {
		if fn := lookupFunc(loaded["net/http"], name); fn != nil {
			checkServe(t, name, fn.Signature(), b, lookupFunc(loaded["net/http"], "(*net/http.Server)."+b.Method))
		}
	}
	// A diagnostic handler is one (w, r) or returns one; a wrapper takes
	// the handler it wraps at its index.
	for name := range DiagnosticHandlers {
		if fn := lookupFunc(loaded[PackageOf(name)], name); fn != nil {
			sig := fn.Signature()
			handlerFunc := sig.Params().Len() == 2 && TypeName(sig.Params().At(1).Type()) == RequestType
			returnsHandler := sig.Results().Len() == 1 && TypeName(sig.Results().At(0).Type()) == "net/http.Handler"
			if !handlerFunc && !returnsHandler {
				t.Errorf("DiagnosticHandlers: %s is no handler function and returns no http.Handler", name)
			}
		}
	}
	for name, i := range DiagnosticWrappers {
		if fn := lookupFunc(loaded[PackageOf(name)], name); fn != nil {
			sig := fn.Signature()
			if i >= sig.Params().Len() || TypeName(sig.Params().At(i).Type()) != "net/http.Handler" || sig.Results().Len() != 1 || TypeName(sig.Results().At(0).Type()) != "net/http.Handler" {
				t.Errorf("DiagnosticWrappers: %s does not wrap the http.Handler of its parameter %d", name, i)
			}
		}
	}
	for name, field := range FieldServes {
		pkg := loaded[PackageOf(name)]
		if fn := lookupFunc(pkg, name); fn != nil {
			obj, _, _ := types.LookupFieldOrMethod(fn.Signature().Recv().Type(), true, pkg, field)
			if v, ok := obj.(*types.Var); !ok || !v.IsField() || TypeName(v.Type()) != "*"+ServerTimeout.Type {
				t.Errorf("FieldServes: %s: its receiver has no field %s of type *%s", name, field, ServerTimeout.Type)
			}
		}
	}
	if pkg := loaded[PackageOf(GRPCServiceDesc)]; pkg != nil {
		desc, _ := pkg.Scope().Lookup("ServiceDesc").(*types.TypeName)
		if obj, _, _ := types.LookupFieldOrMethod(desc.Type(), false, pkg, GRPCHandlerType); obj == nil {
			t.Errorf("%s has no field %s", GRPCServiceDesc, GRPCHandlerType)
		}
	}
	t.Logf("checked %d names against the real APIs", checked)
}

// loadProvided loads, from export data, the packages among paths that the
// standard library or a module testdata/realmod requires provides. The go
// command refuses a whole list with a path no required module provides
// (a library the module does not pin): those are left out first.
func loadProvided(t *testing.T, dir string, paths []string) map[string]*types.Package {
	edit := exec.Command("go", "mod", "edit", "-json")
	edit.Dir = dir
	out, err := edit.Output()
	if err != nil {
		t.Fatalf("go mod edit -json: %v", err)
	}
	var mod struct{ Require []struct{ Path string } }
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	provided := func(path string) bool {
		first, _, _ := strings.Cut(path, "/")
		if !strings.Contains(first, ".") {
			return true // the standard library
		}
		return slices.ContainsFunc(mod.Require, func(r struct{ Path string }) bool {
			return path == r.Path || strings.HasPrefix(path, r.Path+"/")
		})
	}
	var want []string
	for _, p := range paths {
		if provided(p) {
			want = append(want, p)
		}
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedTypes,
		Dir:  dir,
		Env:  append(os.Environ(), "GOWORK=off"),
	}, want...)
	if err != nil {
		t.Fatal(err)
	}
	loaded := make(map[string]*types.Package)
	for _, p := range pkgs {
		if len(p.Errors) == 0 && p.Types != nil {
			loaded[p.PkgPath] = p.Types
		} else {
			t.Logf("%s: not checked: %v", p.PkgPath, p.Errors)
		}
	}
	return loaded
}

// checkFunc checks a function name of a table, and what the table says
// of it.
func checkFunc(t *testing.T, pkg *types.Package, table, name string) {
	fn := lookupFunc(pkg, name)
	if fn == nil {
		t.Errorf("%s: %s: no such function or method in %s", table, name, pkg.Path())
		return
	}
	if got := FuncName(fn); got != name {
		t.Errorf("%s: %s: go/types names it %s", table, name, got)
	}
	if s, ok := sqlSinks[name]; ok && table == "sqlSinks" {
		checkSink(t, name, fn.Signature(), s)
	}
	if s, ok := builderSinks[name]; ok && table == "builderSinks" {
		checkSink(t, name, fn.Signature(), s)
	}
	if v, ok := ContextVariants[name]; ok && table == "ContextVariants" {
		checkVariant(t, pkg, name, fn, v)
	}
	if i, ok := SQLOpeners[name]; ok && table == "SQLOpeners" {
		if p := fn.Signature().Params(); i >= p.Len() || !isStringType(p.At(i).Type()) {
			t.Errorf("%s: parameter %d is not the driver's name", name, i)
		}
	}
}

// checkVariant checks a context-less call's variant: that it exists and
// takes a context first; that what bounds the call is a receiver of the
// rule's type, or a duration; and that a variant written on another
// value (On) takes the call's arguments after the context and returns
// what the call returns, so that its fix compiles.
func checkVariant(t *testing.T, pkg *types.Package, name string, fn *types.Func, v ContextVariant) {
	sig := fn.Signature()
	if v.TimedBy != nil {
		if r := sig.Recv(); r == nil || TypeName(r.Type()) != "*"+v.TimedBy.Type {
			t.Errorf("%s: its receiver is no *%s, whose timeout would bound it", name, v.TimedBy.Type)
		}
	}
	if p := sig.Params(); v.TimeoutArg > 0 && (v.TimeoutArg > p.Len() || TypeName(p.At(v.TimeoutArg-1).Type()) != DurationType) {
		t.Errorf("%s: its argument %d is no timeout", name, v.TimeoutArg)
	}
	if v.Sends {
		// Written, not renamed to: the receiver sends what it builds.
		if r := sig.Recv(); r == nil || TypeName(r.Type()) != "*net/http.Client" {
			t.Errorf("%s: sends on no *net/http.Client", name)
		}
		return
	}
	variant := name[:strings.LastIndex(name, ".")+1] + v.Name
	if v.Method != "" {
		variant = v.Method
	}
	vfn := lookupFunc(pkg, variant)
	if vfn == nil {
		t.Errorf("%s: its context variant %s does not exist in %s", name, variant, pkg.Path())
		return
	}
	vsig := vfn.Signature()
	if p := vsig.Params(); p.Len() == 0 || TypeName(p.At(0).Type()) != ContextType {
		t.Errorf("%s: its variant %s does not take a context first", name, variant)
		return
	}
	if v.On == "" {
		return
	}
	if written := fmt.Sprintf(v.On, pkg.Name()) + "." + vfn.Name(); written != v.Name {
		t.Errorf("%s: its fix writes %s, its messages say %s", name, written, v.Name)
	}
	identical := func(a, b *types.Tuple, from int) bool {
		if a.Len()-from != b.Len() {
			return false
		}
		for i := range b.Len() {
			if !types.Identical(a.At(from+i).Type(), b.At(i).Type()) {
				return false
			}
		}
		return true
	}
	if !identical(vsig.Params(), sig.Params(), 1) || vsig.Variadic() != sig.Variadic() || !identical(vsig.Results(), sig.Results(), 0) {
		t.Errorf("%s: %s is not it with a context first", name, variant)
	}
}

func isStringType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func checkSink(t *testing.T, name string, sig *types.Signature, s SQLSink) {
	params := sig.Params()
	if s.Query >= params.Len() {
		t.Errorf("%s: query parameter %d out of range", name, s.Query)
		return
	}
	last := params.Len() - 1
	q := params.At(s.Query).Type()
	if sig.Variadic() && s.Query == last {
		q = q.(*types.Slice).Elem() // xorm's Exec(sqlOrArgs ...any)
	}
	if b, ok := q.Underlying().(*types.Basic); ok && b.Info()&types.IsString == 0 || !ok && !s.AnyArg {
		t.Errorf("%s: parameter %d is %s, not the SQL text", name, s.Query, q)
	}
	restOfList := s.Query == last && s.Args == s.Query+1 // xorm's Exec(sqlOrArgs ...any)
	if s.Args >= 0 && (!sig.Variadic() || s.Args != last && !restOfList) {
		t.Errorf("%s: parameter %d is not the variadic arguments", name, s.Args)
	}
}

func checkCacheCall(t *testing.T, name string, sig *types.Signature, c CacheCall) {
	params := sig.Params()
	at := func(i int) types.Type {
		if i >= params.Len() {
			t.Errorf("%s: parameter %d out of range", name, i)
			return types.Typ[types.Invalid]
		}
		return params.At(i).Type()
	}
	if c.Item {
		item, _ := types.Unalias(at(c.Key)).(*types.Pointer)
		if item == nil {
			t.Errorf("%s: parameter %d is not a pointer to an item", name, c.Key)
			return
		}
		for _, f := range []string{ItemKey, ItemValue, ItemTTL} {
			if obj, _, _ := types.LookupFieldOrMethod(item.Elem(), false, nil, f); obj == nil {
				t.Errorf("%s: the item has no field %s", name, f)
			}
		}
		return
	}
	if c.Key < 0 {
		checkTTL(t, name, c, at)
		return
	}
	key := at(c.Key)
	if c.Keys {
		if !sig.Variadic() || c.Key != params.Len()-1 {
			t.Errorf("%s: parameter %d is not the variadic keys", name, c.Key)
			return
		}
		key = key.(*types.Slice).Elem()
	}
	if b, ok := key.Underlying().(*types.Basic); (!ok || b.Kind() != types.String) && !isTypeParam(key) {
		t.Errorf("%s: the key, parameter %d, is %s", name, c.Key, key)
	}
	if c.Value >= 0 {
		at(c.Value)
	}
	checkTTL(t, name, c, at)
}

func checkTTL(t *testing.T, name string, c CacheCall, at func(int) types.Type) {
	if c.TTL >= 0 {
		ttl := at(c.TTL)
		switch c.Unit {
		case Duration:
			if TypeName(ttl) != "time.Duration" {
				t.Errorf("%s: the TTL, parameter %d, is %s, not a time.Duration", name, c.TTL, ttl)
			}
		default:
			if b, ok := ttl.Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
				t.Errorf("%s: the TTL, parameter %d, is %s, not a whole number", name, c.TTL, ttl)
			}
		}
	}
}

func isTypeParam(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.TypeParam)
	return ok
}

func checkPaymentCall(t *testing.T, name string, fn *types.Func) {
	c, ok := PaymentCallOf(fn)
	if !ok {
		t.Errorf("%s: PaymentCallOf does not know it", name)
		return
	}
	params := fn.Signature().Params()
	if c.Params >= params.Len() {
		t.Errorf("%s: params %d out of range", name, c.Params)
		return
	}
	p, ok := types.Unalias(params.At(c.Params).Type()).(*types.Pointer)
	if !ok {
		t.Errorf("%s: parameter %d is not a pointer to params", name, c.Params)
		return
	}
	obj, _, _ := types.LookupFieldOrMethod(p, false, fn.Pkg(), StripeKeyMethod)
	if m, ok := obj.(*types.Func); !ok || !IsIdempotencyKeySetter(m) {
		t.Errorf("%s: parameter %d, %s, has no %s", name, c.Params, p, StripeKeyMethod)
	}
	if c.MoneyIf != "" {
		if f, _, _ := types.LookupFieldOrMethod(p, false, fn.Pkg(), c.MoneyIf); f == nil {
			t.Errorf("%s: parameter %d, %s, has no field %s", name, c.Params, p, c.MoneyIf)
		} else if v, ok := f.(*types.Var); !ok || !v.IsField() {
			t.Errorf("%s: %s of %s is not a field", name, c.MoneyIf, p)
		}
	}
}

// stripeMajors are the majors of stripe-go that testdata/realmod requires.
var stripeMajors = []int{72, 82, 83}

// stripeNames are the stripe-go calls of the tables, spelled for each
// major of stripeMajors that has them: the tables name them once for
// every major.
func stripeNames() []string {
	var out []string
	for generic, c := range stripeCalls {
		for _, major := range stripeMajors {
			if major >= c.Since && (c.Until == 0 || major <= c.Until) {
				out = append(out, strings.Replace(generic, "vN", "v"+strconv.Itoa(major), 1))
			}
		}
	}
	return out
}

// lookupFunc finds the function or method named as FuncName prints it.
// lookupType returns the package of a type named "path.Name" and the
// type, when the package is loaded and has it.
func lookupType(loaded map[string]*types.Package, name string) (*types.Package, *types.TypeName) {
	pkg := loaded[PackageOf(name)]
	if pkg == nil {
		return nil, nil
	}
	tn, _ := pkg.Scope().Lookup(name[strings.LastIndex(name, ".")+1:]).(*types.TypeName)
	return pkg, tn
}

func lookupFunc(pkg *types.Package, name string) *types.Func {
	if pkg == nil {
		return nil
	}
	if !strings.HasPrefix(name, "(") {
		fn, _ := pkg.Scope().Lookup(name[strings.LastIndex(name, ".")+1:]).(*types.Func)
		return fn
	}
	recv, method, _ := strings.Cut(name[1:], ").")
	ptr := strings.HasPrefix(recv, "*")
	recv = strings.TrimPrefix(recv, "*")
	recv, _, _ = strings.Cut(recv, "[") // a generic type: (*pkg.CircuitBreaker[T]).Execute
	tn, ok := pkg.Scope().Lookup(recv[strings.LastIndex(recv, ".")+1:]).(*types.TypeName)
	if !ok {
		return nil
	}
	t := tn.Type()
	if ptr {
		t = types.NewPointer(t)
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, method)
	fn, _ := obj.(*types.Func)
	return fn
}

// checkServe checks that a bare serve's argument indices name its
// address, listener and handler, and that the server method takes the
// rest of its arguments in the order given.
func checkServe(t *testing.T, name string, sig *types.Signature, b BareServe, method *types.Func) {
	params := sig.Params()
	want := map[int]string{b.Addr: "string", b.Listener: "net.Listener", b.Handler: "net/http.Handler"}
	for i, typ := range want {
		if i >= 0 && (i >= params.Len() || TypeName(params.At(i).Type()) != typ) {
			t.Errorf("%s: parameter %d is not the %s", name, i, typ)
		}
	}
	if method == nil {
		t.Errorf("%s: http.Server has no method %s", name, b.Method)
		return
	}
	mp := method.Signature().Params()
	var args []int
	if b.Listener >= 0 {
		args = append(args, b.Listener)
	}
	args = append(args, b.Rest...)
	if mp.Len() != len(args) {
		t.Errorf("%s: (*http.Server).%s takes %d arguments, not %d", name, b.Method, mp.Len(), len(args))
		return
	}
	for i, a := range args {
		if !types.Identical(mp.At(i).Type(), params.At(a).Type()) {
			t.Errorf("%s: argument %d of (*http.Server).%s is not its parameter %d", name, i, b.Method, a)
		}
	}
}

// checkReadServer checks a server that is not net/http's: its rule's
// fields; that each maker takes the configuration at its index (or as
// its variadic parameter) and returns what the serves are methods of;
// that each bare serve takes a handler and has a method of its name on
// the server.
func checkReadServer(t *testing.T, loaded map[string]*types.Package, rs ReadServer) {
	pkg := loaded[PackageOf(rs.Rule.Type)]
	checkFields(t, pkg, rs.Rule)
	if pkg == nil {
		return
	}
	receivers := map[string]bool{"*" + rs.Rule.Type: true, "*" + rs.Made: rs.Made != ""}
	for name, i := range rs.Makers {
		fn := lookupFunc(loaded[PackageOf(name)], name)
		if fn == nil {
			continue // checkFunc said so
		}
		sig := fn.Signature()
		if i >= sig.Params().Len() {
			t.Errorf("ReadServers: %s has no parameter %d", name, i)
			continue
		}
		typ := sig.Params().At(i).Type()
		if s, ok := typ.(*types.Slice); ok && sig.Variadic() && i == sig.Params().Len()-1 {
			typ = s.Elem()
		}
		if TypeName(typ) != rs.Rule.Type {
			t.Errorf("ReadServers: parameter %d of %s is a %s, not a %s", i, name, TypeName(typ), rs.Rule.Type)
		}
		if sig.Results().Len() != 1 {
			t.Errorf("ReadServers: %s does not return one server", name)
			continue
		}
		if got := TypeName(sig.Results().At(0).Type()); got != "*"+rs.Made {
			t.Errorf("ReadServers: %s returns a %s, not the *%s Made says", name, got, rs.Made)
		}
	}
	for name := range rs.Serves {
		if fn := lookupFunc(loaded[PackageOf(name)], name); fn != nil && !receivers[TypeName(fn.Signature().Recv().Type())] {
			t.Errorf("ReadServers: %s serves no %s, nor a %s", name, rs.Rule.Type, rs.Made)
		}
	}
	for name := range rs.Bare {
		fn := lookupFunc(loaded[PackageOf(name)], name)
		if fn == nil {
			continue
		}
		method := "(*" + rs.Rule.Type + ")." + fn.Name()
		if !rs.Serves[method] || lookupFunc(pkg, method) == nil {
			t.Errorf("ReadServers: %s has no serving method %s beside it", name, method)
		}
		params := fn.Signature().Params()
		if _, ok := params.At(params.Len() - 1).Type().Underlying().(*types.Signature); !ok {
			t.Errorf("ReadServers: %s does not take a handler last", name)
		}
	}
}

// checkFields checks that a timeout rule's fields exist on its type, and
// that its fix sets one of them.
func checkFields(t *testing.T, pkg *types.Package, r FieldRule) {
	if pkg == nil {
		t.Errorf("%s: package not loaded", r.Type)
		return
	}
	tn, ok := pkg.Scope().Lookup(r.Type[strings.LastIndex(r.Type, ".")+1:]).(*types.TypeName)
	if !ok {
		t.Errorf("%s: no such type", r.Type)
		return
	}
	for _, f := range r.Any {
		if v, ok := lookupField(tn.Type(), f); !ok {
			t.Errorf("%s has no field %s", r.Type, f)
		} else if f == r.Fix && v.Type().String() != "time.Duration" {
			t.Errorf("%s.%s is a %s, not the time.Duration its fix sets", r.Type, f, v.Type())
		}
	}
	if r.Fix != "" && !r.Set(r.Fix) {
		t.Errorf("%s: the fix sets %s, not one of %v", r.Type, r.Fix, r.Any)
	}
}

func lookupField(t types.Type, name string) (*types.Var, bool) {
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil, false
	}
	for f := range st.Fields() {
		if f.Name() == name {
			return f, true
		}
	}
	return nil, false
}

// checkCall checks what the tables say of a call's parameters: a cache
// call's key, value and expiry; a rueidis expiry; a payment call.
func checkCall(t *testing.T, pkg *types.Package, name string) {
	fn := lookupFunc(pkg, name)
	if fn == nil {
		return // checkFunc said so
	}
	if c, ok := CacheCalls[name]; ok {
		checkCacheCall(t, name, fn.Signature(), c)
	}
	if a, ok := RueidisArgs[name]; ok && a.Role == RueidisTTL {
		checkCacheCall(t, name, fn.Signature(), CacheCall{Key: -1, Value: -1, TTL: 0, Unit: a.Unit})
	}
	if strings.Contains(name, stripeModule) {
		checkPaymentCall(t, name, fn)
	}
}

// TestStripeIdempotencyKey checks, for each major of stripe-go that
// testdata/realmod requires, the params' key setter and field the
// idempotency analyzer knows.
func TestStripeIdempotencyKey(t *testing.T) {
	dir := realmod.Dir(t)
	var paths []string
	for _, major := range stripeMajors {
		paths = append(paths, PackageOf(strings.Replace(stripeKeySetter, "vN", "v"+strconv.Itoa(major), 1)))
	}
	loaded := loadProvided(t, dir, paths)
	for _, major := range stripeMajors {
		v := strings.Replace(stripeKeySetter, "vN", "v"+strconv.Itoa(major), 1)
		fn := lookupFunc(loaded[PackageOf(v)], v)
		if fn == nil || !IsIdempotencyKeySetter(fn) {
			t.Errorf("%s: not found, or not known as the idempotency key setter", v)
			continue
		}
		params := fn.Signature().Recv().Type().(*types.Pointer).Elem()
		field, _, _ := types.LookupFieldOrMethod(params, false, fn.Pkg(), StripeKeyField)
		if f, ok := field.(*types.Var); !ok || !IsIdempotencyKeyField(f) {
			t.Errorf("%s: no field %s known as the idempotency key", TypeName(params), StripeKeyField)
		}
	}
}

// TestStripeOrderReference checks that each checkout session field the
// idempotency analyzer takes for an order reference is a field of its
// params in some major of stripe-go, and that every major has one.
func TestStripeOrderReference(t *testing.T) {
	dir := realmod.Dir(t)
	var paths []string
	for _, major := range stripeMajors {
		paths = append(paths, PackageOf(strings.Replace(stripeParamsType, "vN", "v"+strconv.Itoa(major), 1)))
	}
	loaded := loadProvided(t, dir, paths)
	found := map[string]bool{}
	for _, major := range stripeMajors {
		has := false
		for generic := range orderReferenceFields {
			name := strings.Replace(generic, "vN", "v"+strconv.Itoa(major), 1)
			dot := strings.LastIndex(name, ".")
			typ := name[:dot]
			pkg := loaded[PackageOf(typ)]
			if pkg == nil {
				t.Fatalf("%s: package not loaded", typ)
			}
			tn, _ := pkg.Scope().Lookup(typ[strings.LastIndex(typ, ".")+1:]).(*types.TypeName)
			if tn == nil {
				continue
			}
			field, _, _ := types.LookupFieldOrMethod(tn.Type(), false, pkg, name[dot+1:])
			f, ok := field.(*types.Var)
			if !ok || !IsOrderReferenceField(tn.Type().(*types.Named), f) {
				t.Errorf("%s: no such field, or not known as an order reference", name)
				continue
			}
			found[generic], has = true, true
		}
		if !has {
			t.Errorf("stripe-go v%d: no checkout session order reference known", major)
		}
	}
	for generic := range orderReferenceFields {
		if !found[generic] {
			t.Errorf("%s: in no major of stripe-go that testdata/realmod requires", generic)
		}
	}
}

// checkSends checks that each messaging client and package of the tables
// still has the sends they name: a renamed API would leave a client
// whose sends nobody reports.
func checkSends(t *testing.T, loaded map[string]*types.Package) {
	var funcs []*types.Func
	for name := range MessagingClients {
		base := strings.TrimPrefix(name, "*")
		pkg := loaded[PackageOf(base)]
		if pkg == nil {
			continue
		}
		tn, _ := pkg.Scope().Lookup(base[strings.LastIndex(base, ".")+1:]).(*types.TypeName)
		if tn == nil {
			continue // reported as no such type
		}
		ms := types.NewMethodSet(types.NewPointer(tn.Type()))
		for i := range ms.Len() {
			funcs = append(funcs, ms.At(i).Obj().(*types.Func))
		}
	}
	for path := range MessagingPackages {
		if pkg := loaded[path]; pkg != nil {
			for _, n := range pkg.Scope().Names() {
				if fn, ok := pkg.Scope().Lookup(n).(*types.Func); ok {
					funcs = append(funcs, fn)
				}
			}
		}
	}
	sends := make(map[string]int)
	for _, fn := range funcs {
		if _, ok := MessagingSend(fn); ok {
			key := fn.Pkg().Path()
			if recv := fn.Signature().Recv(); recv != nil {
				key = TypeName(recv.Type())
			}
			sends[key]++
		}
	}
	for _, key := range slices.Concat(slices.Collect(maps.Keys(MessagingClients)), slices.Collect(maps.Keys(MessagingPackages))) {
		if pkg := loaded[PackageOf(strings.TrimPrefix(key, "*"))]; pkg != nil && sends[key] == 0 {
			t.Errorf("messaging: %s has no send", key)
		}
	}
}
