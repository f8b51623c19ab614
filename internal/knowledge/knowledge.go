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
	"strings"
)

// FuncName returns the name under which fn is known in the tables: its
// fully qualified name, with the receiver of a method on a generic type
// stripped of its type arguments.
func FuncName(fn *types.Func) string {
	if fn == nil {
		return ""
	}
	return fn.Origin().FullName()
}

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
	if dot < slash {
		return name
	}
	return name[:dot]
}
