package knowledge

import (
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
		slices.Collect(maps.Keys(CacheCalls)),
		slices.Collect(maps.Keys(RueidisCommands)),
		slices.Collect(maps.Keys(RueidisArgs)),
		slices.Collect(maps.Keys(LoadGuards)),
		stripeNames(),
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

	paths := make(map[string]bool)
	for _, n := range names {
		paths[PackageOf(n)] = true
	}
	for _, n := range typeNames {
		paths[PackageOf(strings.TrimPrefix(n, "*"))] = true
	}
	for p := range UserInputVars {
		paths[PackageOf(p)] = true
	}
	for p := range DriverDialects {
		paths[p] = true
	}
	for p := range Randomizers {
		paths[p] = true
	}
	for _, major := range stripeMajors {
		paths[PackageOf(strings.Replace(stripeKeySetter, "vN", "v"+strconv.Itoa(major), 1))] = true
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
		"github.com/jmoiron/sqlx", "github.com/jackc/pgx/v5", "github.com/jackc/pgx/v5/pgxpool", "gorm.io/gorm", "github.com/lib/pq"} {
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
		if c, ok := CacheCalls[name]; ok {
			checkCacheCall(t, name, fn.Signature(), c)
		}
		if a, ok := RueidisArgs[name]; ok && a.Role == RueidisTTL {
			checkCacheCall(t, name, fn.Signature(), CacheCall{Key: -1, Value: -1, TTL: 0, Unit: a.Unit})
		}
		if strings.Contains(name, stripeModule) {
			checkPaymentCall(t, name, fn)
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
		checked++
	}
	for p := range Randomizers {
		if loaded[p] == nil {
			t.Errorf("package %s did not load", p)
		}
	}
	for name := range UserInputVars {
		if pkg := loaded[PackageOf(name)]; pkg != nil {
			if _, ok := pkg.Scope().Lookup(name[strings.LastIndex(name, ".")+1:]).(*types.Var); !ok {
				t.Errorf("%s: no such variable", name)
			}
		}
	}
	t.Logf("checked %d names against the real APIs", checked)
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
			if major >= c.Since {
				out = append(out, strings.Replace(generic, "vN", "v"+strconv.Itoa(major), 1))
			}
		}
	}
	return out
}

// lookupFunc finds the function or method named as FuncName prints it.
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
	recv, _, _ = strings.Cut(recv, "[") // a generic type: Cache[K, V]
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
