package reqpath

import (
	"go/types"

	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/types/typeutil"
)

// access is how a request, a response writer or the request's context is
// reached from a value: the selectors that follow its name, ".Req",
// ".Request()", ".Context().Request()".
type access struct {
	found bool
	path  string
}

// reach is what a type leads to.
type reach struct {
	request, writer access
	context         bool // the type is a context.Context itself
}

// carrier reports whether the type carries a whole request: a handler's
// parameter of this type is the request path.
func (r reach) carrier() bool { return r.request.found && r.writer.found }

// Shapes answers, for the types of one package, which of them reach the
// request and the response writer, and how. It caches what it learned, by
// type identity: every *sql.DB in a signature is a type of its own, and a
// cache by pointer asked for the method sets of each anew.
type Shapes struct {
	cache typeutil.Map // types.Type → *reach
}

// NewShapes returns an empty cache.
func NewShapes() *Shapes { return &Shapes{} }

// maxDepth bounds the search through fields and accessors: gitea's
// ctx.Base.Req is two steps, beego's c.Ctx.Request three.
const maxDepth = 3

// Reach returns what t leads to.
func (s *Shapes) Reach(t types.Type) reach {
	if v := s.cache.At(t); v != nil {
		if r := v.(*reach); r != nil {
			return *r
		}
		return reach{} // being computed: a recursive type
	}
	s.cache.Set(t, (*reach)(nil))
	r := s.search(t)
	s.cache.Set(t, &r)
	return r
}

// ReachesRequest reports whether a value of type t is a request or leads
// to one: *http.Request, a framework's context.
func (s *Shapes) ReachesRequest(t types.Type) bool {
	return isRequest(t) || s.Reach(t).request.found
}

// search walks from t through fields and accessor methods, breadth
// first, to the nearest request and writer.
func (s *Shapes) search(t types.Type) reach {
	var r reach
	r.context = isContext(t)
	if _, ok := frameworkOf(t); ok {
		// A framework's context carries the request whether or not its
		// fields show it (fiber's is fasthttp's): the table says how.
		r.request, r.writer = access{found: true}, access{found: true}
		return r
	}
	type step struct {
		t    types.Type
		path string
	}
	seen := map[string]bool{}
	level := []step{{t, ""}}
	for depth := 0; depth < maxDepth && len(level) > 0 && !r.carrier(); depth++ {
		var next []step
		for _, st := range level {
			for _, m := range members(st.t, 0) {
				path := st.path + m.sel
				_, framework := frameworkOf(m.t)
				switch {
				case isRequest(m.t) || framework:
					if !r.request.found {
						r.request = access{found: true, path: path}
					}
					if framework && !r.writer.found {
						r.writer = access{found: true, path: path}
					}
				case isWriter(m.t):
					if !r.writer.found {
						r.writer = access{found: true, path: path}
					}
				default:
					key := knowledge.TypeName(m.t)
					if !seen[key] && explorable(m.t) {
						seen[key] = true
						next = append(next, step{m.t, path})
					}
				}
			}
		}
		level = next
	}
	return r
}

// member is a field or an accessor method of a type, and how to select it.
type member struct {
	t   types.Type
	sel string
}

// members returns the exported fields of a struct (promoted ones through
// embedding included) and the methods that take nothing and return one
// value, of t or *t.
func members(t types.Type, depth int) []member {
	var out []member
	base := t
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		base = p.Elem()
	}
	if st, ok := base.Underlying().(*types.Struct); ok {
		for i := range st.NumFields() {
			f := st.Field(i)
			if f.Embedded() && depth < maxDepth {
				// Promoted: c.Req of an embedded *Base reads as c.Req.
				out = append(out, members(f.Type(), depth+1)...)
				continue
			}
			if f.Exported() {
				out = append(out, member{f.Type(), "." + f.Name()})
			}
		}
	}
	ms := types.NewMethodSet(types.NewPointer(base))
	if types.IsInterface(base) {
		ms = types.NewMethodSet(base)
	}
	for i := range ms.Len() {
		fn, ok := ms.At(i).Obj().(*types.Func)
		if !ok || !fn.Exported() {
			continue
		}
		sig := fn.Signature()
		if sig.Params().Len() == 0 && sig.Results().Len() == 1 {
			out = append(out, member{sig.Results().At(0).Type(), "." + fn.Name() + "()"})
		}
	}
	return out
}

// explorable reports whether a search should look inside a type: structs
// and interfaces of a package, not basic values, functions or containers.
func explorable(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || knowledge.Described(n.Obj().Pkg().Path()) {
		// The types the tables describe lead to no request, but for the
		// frameworks' contexts, which the search meets first.
		return false
	}
	switch n.Underlying().(type) {
	case *types.Struct, *types.Interface:
		return true
	}
	return false
}

func isRequest(t types.Type) bool { return knowledge.TypeName(t) == knowledge.RequestType }

// isWriter reports whether t is an http.ResponseWriter or has its
// methods: Header, Write and WriteHeader.
func isWriter(t types.Type) bool {
	if knowledge.TypeName(t) == knowledge.WriterType {
		return true
	}
	ms := types.NewMethodSet(t)
	if _, ok := types.Unalias(t).(*types.Pointer); !ok && !types.IsInterface(t) {
		ms = types.NewMethodSet(types.NewPointer(t))
	}
	has := func(name string, params, results int) bool {
		sel := ms.Lookup(nil, name)
		if sel == nil {
			return false
		}
		sig := sel.Obj().(*types.Func).Signature()
		return sig.Params().Len() == params && sig.Results().Len() == results
	}
	return has("Header", 0, 1) && has("Write", 1, 2) && has("WriteHeader", 1, 0)
}

// isContext reports whether t implements context.Context: it has the
// methods Deadline, Done, Err and Value.
func isContext(t types.Type) bool {
	if knowledge.TypeName(t) == "context.Context" {
		return true
	}
	ms := types.NewMethodSet(t)
	if _, ok := types.Unalias(t).(*types.Pointer); !ok && !types.IsInterface(t) {
		ms = types.NewMethodSet(types.NewPointer(t))
	}
	for _, name := range []string{"Deadline", "Done", "Err", "Value"} {
		if ms.Lookup(nil, name) == nil {
			return false
		}
	}
	return true
}

// frameworkOf returns the framework of a known web framework's handler
// parameter type.
func frameworkOf(t types.Type) (knowledge.Framework, bool) {
	name := knowledge.TypeName(t)
	for _, f := range knowledge.Frameworks {
		if f.Param == name {
			return f, true
		}
	}
	return knowledge.Framework{}, false
}
