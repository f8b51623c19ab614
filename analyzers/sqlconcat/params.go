package sqlconcat

import (
	"go/types"

	"github.com/crisislint/crisislint/internal/strexpr"
)

// fromParam reports whether a part is a parameter of its function, or a
// field of one (p.SortBy of a repository's List(p ListParams)): either
// is the caller's to choose, and judged as the caller passes it.
func fromParam(p strexpr.Part) bool {
	return p.Origin == strexpr.Param || p.Origin == strexpr.Field && p.Param != nil
}

// hasStringField reports whether t is a struct, or a pointer to one, with
// a string field: a params struct whose field a function may splice in.
func hasStringField(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if isString(st.Field(i).Type()) {
			return true
		}
	}
	return false
}
