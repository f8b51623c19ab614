package knowledge

import (
	"go/types"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/crisislint/crisislint/internal/realmod"
	"golang.org/x/tools/go/packages"
)

// TestTablesMatchRealAPIs resolves every name in the tables against the
// real packages (the standard library, and the modules of
// testdata/realmod): a typo or an API that moved would otherwise make an
// analyzer silently blind.
func TestTablesMatchRealAPIs(t *testing.T) {
	names := slices.Concat(
		slices.Collect(maps.Keys(sqlSinks)),
		slices.Collect(maps.Keys(SQLQuoters)),
		slices.Collect(maps.Keys(SQLTransparent)),
		slices.Collect(maps.Keys(SafeStringers)),
		slices.Collect(maps.Keys(WholeReaders)),
		slices.Collect(maps.Keys(ContextBodyReaders)),
		slices.Collect(maps.Keys(BodyLimiters)),
		slices.Collect(maps.Keys(BodyLimitMiddleware)),
		slices.Collect(maps.Keys(UploadOpeners)),
		slices.Collect(maps.Keys(MultipartParsers)),
		slices.Collect(maps.Keys(UserInputs)),
		slices.Collect(maps.Keys(ReaderWrappers)),
		slices.Collect(maps.Keys(RequestAccessors)),
		slices.Collect(maps.Keys(dbRoundTrips)),
		slices.Collect(maps.Keys(networkCalls)),
		slices.Collect(maps.Keys(Messaging)),
		slices.Collect(maps.Keys(ContextVariants)),
		slices.Collect(maps.Keys(Detachers)),
		slices.Collect(maps.Keys(ContextDerivers)),
		slices.Collect(maps.Keys(Sleepers)),
		slices.Collect(maps.Keys(StartupWork)),
		slices.Collect(maps.Keys(StartupWrappers)),
		slices.Collect(maps.Keys(PoolPrepares)),
		slices.Collect(maps.Keys(DefaultClientSends)),
		slices.Collect(maps.Keys(ClientSends)),
		slices.Collect(maps.Keys(UntimedClients)),
		slices.Collect(maps.Keys(ClientTimeoutSetters)),
		slices.Collect(maps.Keys(BareServes)),
		slices.Collect(maps.Keys(DeadlineContexts)),
		slices.Collect(maps.Keys(Pacers)),
		slices.Collect(maps.Keys(Retriers)),
		slices.Collect(maps.Keys(Breakers)),
		slices.Collect(maps.Keys(Growers)),
		slices.Collect(maps.Keys(Shrinkers)),
		slices.Collect(maps.Keys(BoundedCaches)),
	)
	var typeNames []string
	for _, f := range Frameworks {
		typeNames = append(typeNames, f.Param)
	}
	typeNames = append(typeNames, slices.Collect(maps.Keys(MiddlewareResults))...)
	typeNames = append(typeNames, RequestType, StatementType)
	typeNames = append(typeNames, slices.Collect(maps.Keys(Mutexes))...)
	typeNames = append(typeNames, slices.Collect(maps.Keys(RedisBatchTypes))...)
	typeNames = append(typeNames, slices.Collect(maps.Keys(redisCommandReceivers))...)
	typeNames = append(typeNames, slices.Collect(maps.Keys(GrowableTypes))...)
	for _, r := range TimeoutRules {
		typeNames = append(typeNames, r.Type)
	}

	paths := make(map[string]bool)
	for _, n := range names {
		paths[PackageOf(n)] = true
	}
	for _, n := range typeNames {
		paths[PackageOf(strings.TrimPrefix(n, "*"))] = true
	}
	vars := slices.Concat(slices.Collect(maps.Keys(UserInputVars)), []string{DefaultClient})
	for _, p := range vars {
		paths[PackageOf(p)] = true
	}
	for p := range DriverDialects {
		paths[p] = true
	}

	// Load the packages the module provides; the go command refuses a
	// whole list when one of it is not (fiber, chi: not in testdata/realmod).
	dir := realmod.Dir(t)
	var provided []string
	for _, p := range slices.Sorted(maps.Keys(paths)) {
		list := exec.Command("go", "list", "-e", "-f", "{{if not .Error}}{{.ImportPath}}{{end}}", p)
		list.Dir = dir
		if out, err := list.Output(); err == nil {
			provided = append(provided, strings.Fields(string(out))...)
		}
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedTypes,
		Dir:  dir,
		Env:  append(os.Environ(), "GOWORK=off"),
	}, provided...)
	if err != nil {
		t.Fatal(err)
	}
	loaded := make(map[string]*types.Package)
	for _, p := range pkgs {
		if len(p.Errors) == 0 && p.Types != nil {
			loaded[p.PkgPath] = p.Types
		}
	}
	for _, must := range []string{"database/sql", "net/http", "github.com/gin-gonic/gin", "github.com/labstack/echo/v4",
		"github.com/jmoiron/sqlx", "github.com/jackc/pgx/v5", "github.com/jackc/pgx/v5/pgxpool", "gorm.io/gorm", "github.com/lib/pq",
		"github.com/go-resty/resty/v2", "github.com/hashicorp/go-retryablehttp", "github.com/cenkalti/backoff/v4",
		"github.com/cenkalti/backoff/v5", "github.com/avast/retry-go/v4", "github.com/failsafe-go/failsafe-go",
		"github.com/sony/gobreaker", "github.com/sony/gobreaker/v2", "github.com/afex/hystrix-go/hystrix",
		"github.com/hashicorp/golang-lru/v2", "golang.org/x/time/rate"} {
		if loaded[must] == nil {
			t.Errorf("package %s did not load from testdata/realmod", must)
		}
	}

	checked := 0
	for _, name := range names {
		pkg := loaded[PackageOf(name)]
		if pkg == nil {
			t.Logf("not checked (module not in testdata/realmod): %s", name)
			continue
		}
		fn := lookupFunc(pkg, name)
		if fn == nil {
			t.Errorf("%s: no such function or method in %s", name, pkg.Path())
			continue
		}
		if got := FuncName(fn); got != name {
			t.Errorf("%s: go/types names it %s", name, got)
		}
		checked++
		if s, ok := sqlSinks[name]; ok {
			checkSink(t, name, fn.Signature(), s)
		}
		if b, ok := BareServes[name]; ok {
			checkServe(t, name, fn.Signature(), b, lookupFunc(loaded["net/http"], "(*net/http.Server)."+b.Method))
		}
		if v, ok := ContextVariants[name]; ok {
			variant := name[:strings.LastIndex(name, ".")+1] + v.Name
			if vfn := lookupFunc(pkg, variant); vfn == nil {
				t.Errorf("%s: its context variant %s does not exist", name, variant)
			} else if p := vfn.Signature().Params(); p.Len() == 0 || TypeName(p.At(0).Type()) != "context.Context" {
				t.Errorf("%s: its variant %s does not take a context first", name, variant)
			}
		}
	}
	for _, name := range typeNames {
		pkg := loaded[PackageOf(strings.TrimPrefix(name, "*"))]
		if pkg == nil {
			t.Logf("not checked (module not in testdata/realmod): %s", name)
			continue
		}
		base := strings.TrimPrefix(name, "*")
		if tn, ok := pkg.Scope().Lookup(base[strings.LastIndex(base, ".")+1:]).(*types.TypeName); !ok || TypeName(tn.Type()) != base {
			t.Errorf("%s: no such type in %s", name, pkg.Path())
		}
		checked++
	}
	for _, r := range TimeoutRules {
		checkFields(t, loaded[r.Type[:strings.LastIndex(r.Type, ".")]], r)
	}
	for _, name := range vars {
		if pkg := loaded[PackageOf(name)]; pkg != nil {
			if _, ok := pkg.Scope().Lookup(name[strings.LastIndex(name, ".")+1:]).(*types.Var); !ok {
				t.Errorf("%s: no such variable", name)
			}
		}
	}
	t.Logf("checked %d names against the real APIs", checked)
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

// lookupFunc finds the function or method named as FuncName prints it.
func lookupFunc(pkg *types.Package, name string) *types.Func {
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
