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
		slices.Collect(maps.Keys(Transactions)),
		slices.Collect(maps.Keys(OutsideWork)),
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

// lookupFunc finds the function or method named as FuncName prints it.
func lookupFunc(pkg *types.Package, name string) *types.Func {
	if !strings.HasPrefix(name, "(") {
		fn, _ := pkg.Scope().Lookup(name[strings.LastIndex(name, ".")+1:]).(*types.Func)
		return fn
	}
	recv, method, _ := strings.Cut(name[1:], ").")
	ptr := strings.HasPrefix(recv, "*")
	recv = strings.TrimPrefix(recv, "*")
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
