package reqpath

import (
	"go/types"
	"strings"
	"sync"

	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/types/typeutil"
)

// access is how a request, a response writer or the request's context is
// reached from a value: the selectors that follow its name, ".Req",
// ".Request()", ".Ctx.Request".
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
// type identity: every function's parameters are asked about, most are
// the same few types, and every *T written in a signature is a type of
// its own.
type Shapes struct {
	reach   typeutil.Map // types.Type → *reach, nil while being computed
	members typeutil.Map // types.Type → []member
	writer  typeutil.Map // types.Type → bool
}

// NewShapes returns an empty cache.
func NewShapes() *Shapes { return &Shapes{} }

// maxDepth bounds the search through fields and accessors: gitea's
// ctx.Base.Req is two steps, beego's c.Ctx.Request three.
const maxDepth = 3

// Reach returns what t leads to.
func (s *Shapes) Reach(t types.Type) reach {
	if _, ok := frameworkOf(t); ok {
		// A framework's context carries the request whether or not its
		// fields show it (fiber's is fasthttp's): the table says how.
		return reach{request: access{found: true}, writer: access{found: true}}
	}
	if !explorable(t) {
		return reach{} // a string, a slice, a library's type: no request there
	}
	if v := s.reach.At(t); v != nil {
		if r := v.(*reach); r != nil {
			return *r
		}
		return reach{} // being computed: a recursive type
	}
	s.reach.Set(t, (*reach)(nil))
	r := s.search(t)
	if r.carrier() {
		r.context = knowledge.IsContext(t)
	}
	s.reach.Set(t, &r)
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
	type step struct {
		t    types.Type
		path string
	}
	seen := map[types.Type]bool{t: true}
	level := []step{{t, ""}}
	for depth := 0; depth < maxDepth && len(level) > 0 && !r.carrier(); depth++ {
		var next []step
		for _, st := range level {
			for _, m := range s.membersOf(st.t) {
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
				case s.isWriter(m.t):
					if !r.writer.found {
						r.writer = access{found: true, path: path}
					}
				case explorable(m.t) && !seen[m.t]:
					seen[m.t] = true
					next = append(next, step{m.t, path})
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

// membersOf returns the exported fields of a struct (promoted ones through
// embedding included) and the methods that take nothing and return one
// value, of t or *t, whose types may lead somewhere: named types and
// pointers to them.
func (s *Shapes) membersOf(t types.Type) []member {
	if ms := s.members.At(t); ms != nil {
		return ms.([]member)
	}
	var out []member
	add := func(t types.Type, sel string) {
		if named(t) != nil {
			out = append(out, member{t, sel})
		}
	}
	var fields func(t types.Type, depth int)
	fields = func(t types.Type, depth int) {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			return
		}
		for i := range st.NumFields() {
			f := st.Field(i)
			switch {
			case f.Embedded() && depth < maxDepth:
				// Promoted: c.Req of an embedded *Base reads as c.Req.
				fields(f.Type(), depth+1)
			case f.Exported():
				add(f.Type(), "."+f.Name())
			}
		}
	}
	fields(t, 0)
	base := deref(t)
	var ms *types.MethodSet
	if types.IsInterface(base) {
		ms = types.NewMethodSet(base)
	} else {
		ms = types.NewMethodSet(types.NewPointer(base))
	}
	for i := range ms.Len() {
		fn, ok := ms.At(i).Obj().(*types.Func)
		if !ok || !fn.Exported() {
			continue
		}
		if sig := fn.Signature(); sig.Params().Len() == 0 && sig.Results().Len() == 1 {
			add(sig.Results().At(0).Type(), "."+fn.Name()+"()")
		}
	}
	s.members.Set(t, out)
	return out
}

// named returns the named type t is, or points to, or nil.
func named(t types.Type) *types.Named {
	n, _ := types.Unalias(deref(t)).(*types.Named)
	return n
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// explorable reports whether a search should look inside a type: the
// structs and interfaces of packages the tables do not describe. The
// types the tables describe lead to no request, but for the frameworks'
// contexts, which the search meets first.
func explorable(t types.Type) bool {
	n := named(t)
	if n == nil || n.Obj().Pkg() == nil || knowledge.Described(n.Obj().Pkg().Path()) {
		return false
	}
	switch n.Underlying().(type) {
	case *types.Struct, *types.Interface:
		return true
	}
	return false
}

// is reports whether t is the named type pkg.name, or a pointer to it
// when ptr is set, without building the type's name.
func is(t types.Type, ptr bool, pkg, name string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok != ptr {
		return false
	} else if ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == name && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg
}

func isRequest(t types.Type) bool { return is(t, true, "net/http", "Request") }

// isWriter reports whether t is an http.ResponseWriter or has its
// methods: Header, Write and WriteHeader (echo's *Response).
func (s *Shapes) isWriter(t types.Type) bool {
	if is(t, false, "net/http", "ResponseWriter") {
		return true
	}
	if !explorable(t) {
		return false
	}
	if w := s.writer.At(t); w != nil {
		return w.(bool)
	}
	has := func(name string, params, results int) bool {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		fn, ok := obj.(*types.Func)
		return ok && fn.Signature().Params().Len() == params && fn.Signature().Results().Len() == results
	}
	w := has("WriteHeader", 1, 0) && has("Header", 0, 1) && has("Write", 1, 2)
	s.writer.Set(t, w)
	return w
}

// frameworkOf returns the framework of a known web framework's handler
// parameter type.
func frameworkOf(t types.Type) (knowledge.Framework, bool) {
	n := named(t)
	if n == nil || n.Obj().Pkg() == nil || !frameworkPackages()[n.Obj().Pkg().Path()] {
		return knowledge.Framework{}, false
	}
	name := knowledge.TypeName(t)
	for _, f := range knowledge.Frameworks {
		if f.Param == name {
			return f, true
		}
	}
	return knowledge.Framework{}, false
}

// frameworkPackages are the packages of the frameworks' handler
// parameters: most types are of none, and say so without a name built.
var frameworkPackages = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool)
	for _, f := range knowledge.Frameworks {
		name := strings.TrimPrefix(f.Param, "*")
		m[name[:strings.LastIndex(name, ".")]] = true
	}
	return m
})
