// Package knowledge holds what crisislint knows about the APIs of Go's
// standard library and of the third-party libraries Go services use: which
// calls send SQL, which read a request body, what a handler looks like in
// each framework, which placeholder style a driver speaks.
//
// It is a set of tables, keyed by the fully qualified name of a function or
// method as go/types prints it (types.Func.FullName: "(*database/sql.DB).Query",
// "io.ReadAll"). Analyzers ask questions here and never match on a bare
// method name: suffix matching on .Find or .Get is the classic source of
// false positives in linters of this kind. A new library is a new row, not a
// new branch in an analyzer.
//
// This package imports nothing of crisislint's own.
package knowledge

import (
	"go/types"
	"runtime"
	"strings"
	"sync"
	"weak"
)

// FuncName returns the name under which fn is known in the tables: its
// fully qualified name, with the receiver of a method on a generic type
// stripped of its type arguments.
func FuncName(fn *types.Func) string {
	if fn == nil {
		return ""
	}
	fn = fn.Origin()
	key := weak.Make(fn)
	if name, ok := funcNames.Load(key); ok {
		return name.(string)
	}
	name := fn.FullName()
	if _, loaded := funcNames.LoadOrStore(key, name); !loaded {
		runtime.AddCleanup(fn, func(key weak.Pointer[types.Func]) { funcNames.Delete(key) }, key)
	}
	return name
}

// funcNames caches FuncName: analyzers ask it of every call, and go/types
// builds the name anew each time. It holds the functions weakly, and
// forgets a function's name when the function is collected: a
// long-running driver loads new types on every change, and the cache
// must not keep the old ones, and all the types they reach, alive.
var funcNames sync.Map // weak.Pointer[types.Func] → string

// TypeName returns the qualified name of t as the tables spell it:
// "*net/http.Request", "github.com/labstack/echo/v4.Context".
func TypeName(t types.Type) string {
	ptr := ""
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		ptr = "*"
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ptr + t.String()
	}
	return ptr + n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

// PackageOf returns the import path of the package that declares the
// function or method named name ("(*database/sql.DB).Query" → "database/sql").
func PackageOf(name string) string {
	if strings.HasPrefix(name, "(") {
		name = strings.TrimPrefix(name[1:strings.Index(name, ")")], "*")
	}
	dot := strings.LastIndex(name, ".")
	slash := strings.LastIndex(name, "/")
	switch {
	case dot < 0:
		return "" // a method of a predeclared type: (error).Error
	case dot < slash:
		return name
	}
	return name[:dot]
}

// stdRoots are the first elements of the standard library's import paths.
var stdRoots = map[string]bool{
	"archive": true, "bufio": true, "bytes": true, "cmp": true, "compress": true, "container": true,
	"context": true, "crypto": true, "database": true, "debug": true, "embed": true, "encoding": true,
	"errors": true, "expvar": true, "flag": true, "fmt": true, "go": true, "hash": true, "html": true,
	"image": true, "index": true, "internal": true, "io": true, "iter": true, "log": true, "maps": true,
	"math": true, "mime": true, "net": true, "os": true, "path": true, "plugin": true, "reflect": true,
	"regexp": true, "runtime": true, "slices": true, "sort": true, "strconv": true, "strings": true,
	"structs": true, "sync": true, "syscall": true, "testing": true, "text": true, "time": true,
	"unicode": true, "unique": true, "unsafe": true, "weak": true, "vendor": true,
}

// Described reports whether the tables describe the package at path: the
// standard library, or a library they name. What its functions do is the
// tables' to say, not what analyzing its code finds: database/sql's
// QueryRow runs QueryRowContext under context.Background(), but for its
// callers it is a context-less query.
func Described(path string) bool {
	root, _, _ := strings.Cut(path, "/")
	if stdRoots[root] {
		return true
	}
	return described(path)
}

// described reports whether the tables describe a library's package: one
// they name, or one of a family they describe by its shape (the AWS SDK's
// services).
func described(path string) bool {
	return describedPackages()[path] || strings.HasPrefix(path, AWSServices)
}

var describedPackages = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool)
	add := func(names []string) {
		for _, n := range names {
			m[PackageOf(n)] = true
		}
	}
	add(keys(sqlSinks))
	add(keys(dbRoundTrips))
	add(keys(networkCalls))
	add(keys(Messaging))
	for k := range MessagingClients {
		m[PackageOf(strings.TrimPrefix(k, "*"))] = true
	}
	for k := range MessagingPackages {
		m[k] = true
	}
	add(keys(UserInputs))
	add(keys(BodyLimitMiddleware))
	for r := range redisCommandReceivers {
		m[r[:strings.LastIndex(r, ".")]] = true
	}
	for _, f := range Frameworks {
		m[PackageOf(strings.TrimPrefix(f.Param, "*"))] = true
	}
	return m
})

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// IsContext reports whether t is a context.Context or implements one: it
// has the methods Deadline, Done, Err and Value (a framework's request
// context, as buffalo's and gitea's are).
func IsContext(t types.Type) bool {
	if t == nil {
		return false
	}
	if TypeName(t) == ContextType {
		return true
	}
	for _, name := range []string{"Done", "Deadline", "Err", "Value"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name); obj == nil {
			return false
		}
	}
	return true
}

// Standard reports whether an import path is the standard library's, by
// its first element (a GOPATH package such as a test's "repo" is not).
func Standard(path string) bool {
	root, _, _ := strings.Cut(path, "/")
	return stdRoots[root]
}
