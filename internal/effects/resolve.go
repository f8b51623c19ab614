// Call resolution: what a call does, from the tables for a library call,
// from the package's functions and from facts for the program's own.

package effects

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/types/typeutil"
)

// call returns what a call does: what the callee does itself (a library
// call), and what it does through the functions it runs.
func (r *Result) call(call *ast.CallExpr) Set {
	c := r.static(call)
	s := c.direct
	if callee, ok := r.calleeSet(c); ok {
		drop := r.dropped(call, c)
		for _, e := range callee.via(c.name, true) {
			if e == nil || drop[e.Kind] {
				continue
			}
			if e.Kind == Sleep && e.Note != "" {
				// A sleep for as long as a parameter says: time.Sleep(0)
				// through doHammerTime(0) waits for nothing.
				i, _ := strconv.Atoi(e.Note)
				if i >= len(call.Args) || r.noWait(call.Args[i]) {
					continue
				}
				e.Note = r.paramOf(call.Args[i], call)
			}
			s.add(*e)
		}
	}
	if io := s.io(); io != nil {
		if c.detached != nil {
			attrs := io.Attrs
			if s.boundedRedis() {
				attrs |= Bounded
			}
			if c.deadline {
				attrs |= Deadline
			}
			s.add(Effect{Kind: Detached, Chain: io.Chain, Note: types.ExprString(c.detached), Attrs: attrs, Remote: io.Remote})
		}
		if c.lock != nil {
			s.add(Effect{Kind: c.lock.kind, Chain: io.Chain, Note: c.lock.note, Attrs: io.Attrs, Remote: io.Remote})
		}
	}
	return s
}

// paramOf returns the index, as a Note, of the parameter of the function
// around call that e is, or "": a sleep for that long depends on what the
// function's callers pass.
func (r *Result) paramOf(e ast.Expr, call *ast.CallExpr) string {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return ""
	}
	v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return ""
	}
	var params *ast.FieldList
	for _, f := range r.pass.Files {
		if f.Pos() > call.Pos() || call.Pos() >= f.End() {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil || n.Pos() > call.Pos() || call.Pos() >= n.End() {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncDecl:
				params = n.Type.Params
			case *ast.FuncLit:
				params = n.Type.Params
			}
			return true
		})
	}
	if params == nil {
		return ""
	}
	i := 0
	for _, field := range params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, name := range field.Names {
			if r.pass.TypesInfo.Defs[name] == v {
				if _, variadic := field.Type.(*ast.Ellipsis); variadic {
					return ""
				}
				return strconv.Itoa(i)
			}
			i++
		}
	}
	return ""
}

// noWait reports whether a duration is a constant that waits for
// nothing: zero or less.
func (r *Result) noWait(e ast.Expr) bool {
	tv := r.pass.TypesInfo.Types[e]
	if tv.Value == nil || tv.Value.Kind() != constant.Int {
		return false
	}
	d, exact := constant.Int64Val(tv.Value)
	return exact && d <= 0
}

// boundedRedis reports whether the only I/O of a set is a redis command
// that does not block: the client's read timeout bounds it, a context
// could only end it a little sooner.
func (s *Set) boundedRedis() bool {
	r := s[Redis]
	if r == nil || s[DB] != nil || s[Network] != nil || s[Messaging] != nil {
		return false
	}
	cmd := r.Cause()
	return !knowledge.RedisBlocking[cmd[strings.LastIndex(cmd, ".")+1:]]
}

// dropped returns the kinds of what the callee does that do not count
// for this call:
//   - a library's sleeps and start-up work (a retry's wait in a driver, a
//     regular expression compiled on an SDK's error path) are its own
//     business, and nobody using it can change them;
//   - a library called with the request's context (an argument, or a
//     WithContext(ctx) on the way to the call) is responsible for using
//     it: a context-less path deep inside (pop's eager loading) is its
//     own;
//   - a method called on what a call just returned, through an interface
//     (x.QueryRow().Scan(&v)), does not make the round trip the first
//     call made again, nor lose the context the first call was given:
//     any other implementation's would be a guess.
func (r *Result) dropped(call *ast.CallExpr, c *callInfo) map[Kind]bool {
	var drop map[Kind]bool
	set := func(ks ...Kind) {
		if drop == nil {
			drop = make(map[Kind]bool)
		}
		for _, k := range ks {
			drop[k] = true
		}
	}
	if c.fn != nil && r.library(c.fn) {
		set(Sleep, Startup)
		if r.passesContext(call) {
			set(NoContext, Detached)
		}
	}
	if c.fn != nil && c.fn.Signature().Recv() != nil && types.IsInterface(c.fn.Signature().Recv().Type()) {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			// A receiver made by the same call (v = v.Next() in a loop
			// the index sees once) would resolve forever.
			if inner := r.madeBy(sel.X); inner != nil && !r.resolving[inner] {
				r.resolving[call] = true
				defer delete(r.resolving, call)
				made := r.call(inner)
				for k, e := range made {
					if e != nil {
						set(Kind(k))
					}
				}
				// The round trip was the maker's, with the maker's
				// context: row := q.QueryRowContext(ctx); row.Scan(&v)
				// is cancellable, whatever another implementation of
				// Scan would do without one.
				if made.io() != nil {
					set(NoContext, Detached)
				}
			}
		}
	}
	return drop
}

// madeBy returns the call a receiver was just returned by: the receiver
// itself (x.QueryRow().Scan), or the call a local variable was assigned
// once from (row := x.QueryRowContext(ctx); row.Scan(&v)).
func (r *Result) madeBy(e ast.Expr) *ast.CallExpr {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return e
	case *ast.Ident:
		v, ok := r.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok {
			return nil
		}
		if ws := r.index.Writes(v); len(ws) == 1 && ws[0].RHS != nil {
			call, _ := ast.Unparen(ws[0].RHS).(*ast.CallExpr)
			return call
		}
	}
	return nil
}

// library reports whether fn is of another module than the package's: a
// dependency's. Without module information (GOPATH), nothing is.
func (r *Result) library(fn *types.Func) bool {
	m := r.pass.Module
	if fn.Pkg() == nil || m == nil || m.Path == "" {
		return false
	}
	path := fn.Pkg().Path()
	return path != m.Path && !strings.HasPrefix(path, m.Path+"/")
}

// passesContext reports whether a call hands a context.Context to its
// callee: as an argument, or to a call its receiver is made by
// (c.WithContext(ctx).Where(q).All(&v)), or on a value that carries one
// (knowledge.ContextCarriers: a pop connection or query).
func (r *Result) passesContext(call *ast.CallExpr) bool {
	for {
		for _, a := range call.Args {
			if knowledge.IsContext(r.pass.TypesInfo.TypeOf(a)) {
				return true
			}
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if knowledge.ContextCarriers[knowledge.TypeName(r.pass.TypesInfo.TypeOf(sel.X))] {
			return true // the library runs it under the context its value carries
		}
		inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		call = inner
	}
}

// callInfo is what does not change about a call while the package's
// functions converge: its direct effects, what it calls, its context.
type callInfo struct {
	direct Set
	name   string      // the callee's first link
	hop    string      // a method value's method, a link of its own
	body   *body       // a function or literal of this package
	fn     *types.Func // a function of another package, or an interface method
	// self is, for an interface method called on what a method's receiver
	// holds (e.conf.Broker.Publish), the receiver's type: a decorator's
	// delegate is another implementation than its own.
	self     *types.TypeName
	detached *ast.CallExpr
	deadline bool // the detached context has a short deadline
	lock     *lock
}

func (r *Result) static(call *ast.CallExpr) *callInfo {
	if c, ok := r.calls[call]; ok {
		return c
	}
	c := &callInfo{direct: r.direct(call), lock: r.locked[call]}
	c.detached, c.deadline = r.detachedContext(call)
	r.resolve(call, c)
	r.calls[call] = c
	return c
}

// calleeSet returns what the callee does now.
func (r *Result) calleeSet(c *callInfo) (Set, bool) {
	var s Set
	switch {
	case c.body != nil:
		s = c.body.set
	case c.fn != nil && c.self != nil:
		s = r.implementationsBut(c.fn, c.self)
	case c.fn != nil:
		s = r.funcSet(c.fn)
	default:
		return s, false
	}
	if c.hop != "" {
		s = s.via(c.hop, true)
	}
	return s, true
}

// direct returns the effects whose cause is the call itself: a library
// call that does I/O, sleeps, or does start-up work.
func (r *Result) direct(call *ast.CallExpr) Set {
	var s Set
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return s
	}
	name := knowledge.FuncName(fn)
	if !knowledge.Described(knowledge.PackageOf(name)) && fn.Signature().Recv() == nil {
		return s // only library functions and methods have direct effects
	}
	cause := []string{Name(fn)}
	if lib, ok := knowledge.DBRoundTrip(fn); ok {
		s.add(Effect{Kind: DB, Chain: cause, Note: lib})
	}
	if lib := knowledge.RedisPackage(fn); lib != "" && !r.pipelined(call) {
		s.add(Effect{Kind: Redis, Chain: cause, Note: lib})
	}
	if knowledge.IsNetworkCall(fn) {
		s.add(Effect{Kind: Network, Chain: cause, Remote: true})
	}
	if service, ok := knowledge.MessagingSend(fn); ok {
		s.add(Effect{Kind: Messaging, Chain: cause, Note: service, Remote: true})
	}
	if v, ok := knowledge.ContextVariants[name]; ok && !r.givenContext(call) && !r.timed(call, v) {
		s.add(Effect{Kind: NoContext, Chain: cause, Note: v.Name, Remote: v.Remote})
	}
	if knowledge.Sleepers[name] {
		e := Effect{Kind: Sleep, Chain: cause}
		if len(call.Args) == 1 {
			e.Note = r.paramOf(call.Args[0], call)
			if r.random(call.Args[0], 0) {
				e.Attrs |= Deliberate // x.RandomDelay, rand.Intn(3000) ms
			}
		}
		s.add(e)
	}
	if what, ok := knowledge.StartupWork[name]; ok && r.constantArgs(call) {
		s.add(Effect{Kind: Startup, Chain: cause, Note: what})
	}
	return s
}

// pipelined reports whether a redis command is queued on a pipeline.
func (r *Result) pipelined(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && knowledge.RedisBatchTypes[knowledge.TypeName(r.pass.TypesInfo.TypeOf(sel.X))]
}

func (r *Result) constantArgs(call *ast.CallExpr) bool {
	if len(call.Args) == 0 {
		return false
	}
	for _, a := range call.Args {
		tv := r.pass.TypesInfo.Types[a]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return false
		}
	}
	return true
}

// resolve finds what a call reaches among the program's functions: a
// declared function or method, the methods a call through an interface may
// reach, a closure or method value held in a local variable.
func (r *Result) resolve(call *ast.CallExpr, c *callInfo) {
	fun := ast.Unparen(call.Fun)
	if lit, ok := fun.(*ast.FuncLit); ok {
		c.name, c.body = "func literal", r.bodies[lit]
		return
	}
	switch obj := r.calleeObject(fun).(type) {
	case *types.Func:
		if obj.Pkg() != nil && knowledge.Described(obj.Pkg().Path()) {
			return // the tables say what it does: see direct
		}
		c.name = Name(obj)
		r.target(obj, c)
		if recv := obj.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
			c.self = r.delegator(fun)
		}
	case *types.Var:
		// A local variable holding a closure or a method value.
		ws := r.index.Writes(obj)
		if len(ws) != 1 || ws[0].Kind != strexpr.Assign || ws[0].RHS == nil {
			return
		}
		switch rhs := ast.Unparen(ws[0].RHS).(type) {
		case *ast.FuncLit:
			c.name, c.body = obj.Name(), r.bodies[rhs]
		case *ast.SelectorExpr, *ast.Ident:
			if fn, ok := r.calleeObject(rhs).(*types.Func); ok {
				c.name, c.hop = obj.Name(), Name(fn) // get := s.author
				r.target(fn, c)
			}
		}
	}
}

func (r *Result) target(fn *types.Func, c *callInfo) {
	fn = fn.Origin()
	if b := r.funcs[fn]; b != nil {
		c.body = b
	} else {
		c.fn = fn
	}
}

// delegator returns the type of the method receiver whose field an
// interface method is called on (e.conf.Broker.Publish: e's type), or nil.
func (r *Result) delegator(fun ast.Expr) *types.TypeName {
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	x, ok := ast.Unparen(sel.X).(*ast.SelectorExpr) // a field, not the receiver itself
	if !ok {
		return nil
	}
	for {
		inner, ok := ast.Unparen(x.X).(*ast.SelectorExpr)
		if !ok {
			break
		}
		x = inner
	}
	id, ok := ast.Unparen(x.X).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || !r.index.Receiver(v) {
		return nil
	}
	return declared(v.Type())
}

func (r *Result) calleeObject(fun ast.Expr) types.Object {
	switch f := fun.(type) {
	case *ast.Ident:
		return r.pass.TypesInfo.Uses[f]
	case *ast.SelectorExpr:
		return r.pass.TypesInfo.Uses[f.Sel]
	case *ast.IndexExpr:
		return r.calleeObject(ast.Unparen(f.X)) // a generic function instantiated
	case *ast.IndexListExpr:
		return r.calleeObject(ast.Unparen(f.X))
	}
	return nil
}

func (r *Result) funcSet(fn *types.Func) Set {
	fn = fn.Origin()
	if b := r.funcs[fn]; b != nil {
		return b.set
	}
	if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return r.implementations(fn)
	}
	if s, ok := r.other[fn]; ok {
		return *s
	}
	var s Set
	var f Fact
	if fn.Pkg() != nil && fn.Pkg() != r.pass.Pkg && r.pass.ImportObjectFact(fn, &f) {
		s = f.set()
	}
	r.other[fn] = &s
	return s
}
