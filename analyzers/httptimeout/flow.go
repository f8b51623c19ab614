package httptimeout

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/returns"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// kind is where a client comes from, as far as its timeout goes.
type kind uint8

const (
	// unknown: built elsewhere, or in more than one way; not reported.
	unknown kind = iota
	// defaultClient: http.DefaultClient, which has no timeout.
	defaultClient
	// literal: an http.Client literal of the program, reported there.
	literal
	// unset: a field of the package's that the package stores nothing
	// in: nil unless a user of the package sets it. A function that
	// returns it or else http.DefaultClient falls back to DefaultClient
	// when none is configured, as a constructor does that replaces a nil
	// client with it.
	unset
)

// maxDepth bounds how far a value is followed through variables and
// functions.
const maxDepth = 6

// origin tells where the client e evaluates to comes from.
func (c *checker) origin(e ast.Expr, depth int) kind {
	if depth > maxDepth {
		return unknown
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return c.origin(e.X, depth+1)
		}
	case *ast.CompositeLit:
		return literal
	case *ast.Ident, *ast.SelectorExpr:
		holder, ok := c.holderOf(e).(*types.Var)
		if !ok {
			return unknown
		}
		if c.set[holder][knowledge.ClientTimeout.Fix] {
			return unknown // c.Timeout = d after it was built
		}
		if isDefaultClientVar(holder) {
			return defaultClient
		}
		if holder.Pkg() != c.pass.Pkg {
			if !holder.IsField() && c.pass.ImportObjectFact(holder, new(defaultClientFact)) {
				return defaultClient
			}
			return unknown
		}
		if holder.IsField() && len(c.fields[holder]) == 0 {
			return unset
		}
		return c.single(c.values(holder), depth)
	case *ast.CallExpr:
		fn := typeutil.StaticCallee(c.info, e)
		if fn == nil {
			return unknown
		}
		if fn.Pkg() != c.pass.Pkg {
			if c.pass.ImportObjectFact(fn, new(defaultClientFact)) {
				return defaultClient
			}
			return unknown
		}
		return c.returned(fn, depth)
	}
	return unknown
}

// values returns what the package stores in a variable or field, or nil
// when it cannot tell (a tuple assignment, the variable's address taken).
func (c *checker) values(v *types.Var) []ast.Expr {
	if v.IsField() {
		return c.fields[v]
	}
	var out []ast.Expr
	for _, w := range c.index.Writes(v) {
		if w.Kind != strexpr.Assign || w.RHS == nil {
			return nil
		}
		out = append(out, w.RHS)
	}
	return out
}

// single returns the origin all of values share, or unknown. A field
// left unset beside http.DefaultClient is the fallback pattern: if
// a.HTTPClient != nil { return a.HTTPClient }; return http.DefaultClient.
func (c *checker) single(values []ast.Expr, depth int) kind {
	k, first, fallback := unknown, true, false
	for _, v := range values {
		o := c.origin(v, depth+1)
		if o == unset {
			fallback = true
			continue
		}
		if !first && o != k {
			return unknown
		}
		k, first = o, false
	}
	if fallback && k != defaultClient {
		return unknown
	}
	return k
}

// returned tells where the client a function of the package returns
// comes from: the origin all its return statements share.
func (c *checker) returned(fn *types.Func, depth int) kind {
	if k, ok := c.returns[fn]; ok {
		return k
	}
	c.returns[fn] = unknown // recursion
	fd := c.reach.Decl(fn)
	if fd == nil {
		return unknown
	}
	res := fn.Signature().Results()
	idx := -1
	for i := range res.Len() {
		if tracked(res.At(i).Type()) {
			idx = i
		}
	}
	if idx < 0 {
		return unknown
	}
	values := returns.Values(fd.Body, res.Len(), idx) // nil: a bare return, or a call's results
	k := unknown
	if len(values) > 0 && !containsNil(values) {
		k = c.single(values, depth)
	}
	c.returns[fn] = k
	return k
}

func containsNil(values []ast.Expr) bool {
	for _, v := range values {
		if v == nil {
			return true
		}
	}
	return false
}

// holder returns the variable or field a value built at cur is stored
// in, and whether it escapes: returned, handed to a call, or stored
// anywhere else, where others send with it.
func (c *checker) holder(cur inspector.Cursor) (types.Object, bool) {
	child := cur.Node()
	for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.ParenExpr:
		case *ast.UnaryExpr:
			if n.Op != token.AND {
				return nil, true
			}
		case *ast.AssignStmt:
			for i, rhs := range n.Rhs {
				if rhs == child && len(n.Lhs) == len(n.Rhs) {
					if id, ok := n.Lhs[i].(*ast.Ident); ok && id.Name == "_" {
						return nil, false
					}
					if obj := c.assigned(n.Lhs[i]); obj != nil {
						return obj, false
					}
				}
			}
			return nil, true
		case *ast.ValueSpec:
			for i, v := range n.Values {
				if v == child && i < len(n.Names) {
					if obj := c.info.Defs[n.Names[i]]; obj != nil {
						return obj, false
					}
				}
			}
			return nil, true
		case *ast.KeyValueExpr:
			if n.Value == child {
				if id, ok := n.Key.(*ast.Ident); ok {
					if f, ok := c.info.Uses[id].(*types.Var); ok && f.IsField() {
						return f, false
					}
				}
			}
			return nil, true
		case *ast.SelectorExpr:
			// (&http.Client{}).Get(u): a send on the literal itself.
			return nil, true
		default:
			return nil, true
		}
		child = p.Node()
	}
	return nil, true
}

// assigned returns the variable or field an assignment's left side names.
func (c *checker) assigned(lhs ast.Expr) types.Object {
	switch lhs := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if obj := c.info.Defs[lhs]; obj != nil {
			return obj
		}
		return c.info.Uses[lhs]
	case *ast.SelectorExpr:
		return c.info.Uses[lhs.Sel]
	}
	return nil
}

// A use of a variable or field that holds a client is one of these.
type clientUse int

const (
	written clientUse = iota // &API{hc: ...}, c = ..., c.Timeout = d
	handed                   // passed, returned, stored elsewhere: others may send with it
	method                   // a method that is no send (CloseIdleConnections), or a library's
	send                     // c.Do(req), c.Get(u)
)

// useOf tells what a use of holder at cur is; for a send, it also
// returns the call's cursor.
func (c *checker) useOf(cur inspector.Cursor) (clientUse, inspector.Cursor) {
	expr := cur
	if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == cur.Node() {
		expr = cur.Parent() // s.client: the use is the selector
	}
	parent := expr.Parent()
	if kv, ok := parent.Node().(*ast.KeyValueExpr); ok && kv.Key == expr.Node() {
		return written, cur
	}
	if as, ok := parent.Node().(*ast.AssignStmt); ok && isLHS(as, expr.Node()) {
		return written, cur
	}
	sel, ok := parent.Node().(*ast.SelectorExpr)
	if !ok || sel.X != expr.Node() {
		return handed, cur
	}
	call, ok := parent.Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != sel {
		if as, ok := parent.Parent().Node().(*ast.AssignStmt); ok && isLHS(as, sel) {
			return written, cur
		}
		return handed, cur
	}
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil || !knowledge.ClientSends[knowledge.FuncName(fn)] {
		return method, cur
	}
	return send, parent.Parent()
}

// sendsOn reports whether the client a variable or field holds is used
// to send without a deadline, and whether such a send is made on the
// request path, with a handler waiting. Any use but a send with a
// deadline counts: handed on, others may send with it. An exported
// variable or field is used by other packages.
func (c *checker) sendsOn(holder types.Object) (used, waits bool) {
	used = holder.Exported() && (holder.Parent() == holder.Pkg().Scope() || holder.(*types.Var).IsField())
	for _, cur := range c.uses[holder] {
		switch u, at := c.useOf(cur); u {
		case handed, method:
			used = true
		case send:
			if c.deadline(at.Node().(*ast.CallExpr)) {
				continue
			}
			used = true
			waits = waits || c.waits(at)
		}
	}
	return used, waits
}

// readWhole reports whether every send on the client a variable or
// field holds reads its response whole where it is made, and the client
// goes nowhere else: then a Timeout on it is right at run time.
func (c *checker) readWhole(holder types.Object) bool {
	if holder == nil || holder.Exported() {
		return false // other packages send with it
	}
	sends := 0
	for _, cur := range c.uses[holder] {
		switch u, at := c.useOf(cur); u {
		case handed:
			return false
		case send:
			if !c.readsWhole(at) {
				return false
			}
			sends++
		}
	}
	return sends > 0
}

func isLHS(as *ast.AssignStmt, e ast.Node) bool {
	for _, l := range as.Lhs {
		if ast.Unparen(l) == e {
			return true
		}
	}
	return false
}

// timedClient reports whether a client literal bounds its calls: it sets
// Timeout, or one is set later on what holds it, or its Transport bounds
// both the dial and the wait for the response headers, or its Transport
// is built where this analysis cannot see.
func (c *checker) timedClient(lit *ast.CompositeLit, holder types.Object) bool {
	if c.setIn(lit, holder, knowledge.ClientTimeout.Fix) {
		return true
	}
	t := fieldValue(lit, "Transport")
	if t == nil {
		return false // http.DefaultTransport: no response header timeout
	}
	return c.timedTransport(t, 0)
}

// timedTransport reports whether a Transport bounds both the dial and the
// wait for the response headers, or is built where it cannot be seen.
func (c *checker) timedTransport(e ast.Expr, depth int) bool {
	dial, header := c.bounds(e, depth)
	return dial && header
}

// bounds tells whether a Transport bounds the dial and whether it bounds
// the wait for the response headers. One built where this analysis cannot
// see is trusted with both.
func (c *checker) bounds(e ast.Expr, depth int) (dial, header bool) {
	if depth > maxDepth {
		return true, true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return c.bounds(e.X, depth+1)
		}
	case *ast.TypeAssertExpr:
		// http.DefaultTransport.(*http.Transport): the transport itself.
		return c.bounds(e.X, depth+1)
	case *ast.CompositeLit:
		if knowledge.TypeName(c.info.TypeOf(e)) != knowledge.TransportResponseTimeout.Type {
			ok := c.timedWrapper(e, depth)
			return ok, ok
		}
		holder, _ := c.holder(c.cursorOf(e))
		header = c.setIn(e, holder, knowledge.TransportResponseTimeout.Any[0])
		for _, d := range knowledge.TransportDial.Any {
			if v := fieldValue(e, d); v != nil && c.timedDial(v, depth+1) {
				dial = true
			}
		}
		return dial || c.dialSet(holder), header
	case *ast.CallExpr:
		return c.calledBounds(e, depth)
	case *ast.Ident, *ast.SelectorExpr:
		v, ok := c.holderOf(e).(*types.Var)
		if !ok {
			return true, true
		}
		if v.Pkg() != nil && v.Pkg().Path()+"."+v.Name() == knowledge.DefaultTransport {
			// Its dialer has a Timeout; it sets no ResponseHeaderTimeout.
			return true, false
		}
		if v.Pkg() != c.pass.Pkg || v.IsField() {
			return true, true
		}
		values := c.values(v)
		if len(values) != 1 {
			return true, true
		}
		return c.bounds(values[0], depth+1)
	}
	return true, true
}

// dialSet reports whether a dial function is assigned on what holder
// holds (t.DialContext = d.DialContext): the program's own, trusted.
func (c *checker) dialSet(holder types.Object) bool {
	return holder != nil && slices.ContainsFunc(knowledge.TransportDial.Any, func(d string) bool { return c.set[holder][d] })
}

// calledBounds tells what the transport a call gives bounds: a Clone
// bounds what the transport it copies does, a function of the package
// what its return statements give, one of another package what its fact
// says (none: built where this analysis cannot see, trusted); and then
// what the program sets on the variable or field that holds it
// (t := http.DefaultTransport.(*http.Transport).Clone();
// t.ResponseHeaderTimeout = d).
func (c *checker) calledBounds(call *ast.CallExpr, depth int) (dial, header bool) {
	fn := typeutil.StaticCallee(c.info, call)
	if fn == nil {
		return true, true
	}
	switch {
	case knowledge.TransportClones[knowledge.FuncName(fn)]:
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true, true
		}
		dial, header = c.bounds(sel.X, depth+1)
	case fn.Pkg() == c.pass.Pkg:
		dial, header = c.returnedBounds(fn, depth)
	default:
		var f transportFact
		if !c.pass.ImportObjectFact(fn.Origin(), &f) {
			return true, true
		}
		dial, header = f.Dial, f.Header
	}
	if dial && header {
		return true, true
	}
	if holder, _ := c.holder(c.cursorOf(call)); holder != nil {
		header = header || c.set[holder][knowledge.TransportResponseTimeout.Any[0]]
		dial = dial || c.dialSet(holder)
	}
	return dial, header
}

// returnedBounds tells what the transport a function of the package
// returns bounds: what all its return statements bound.
func (c *checker) returnedBounds(fn *types.Func, depth int) (dial, header bool) {
	fd := c.reach.Decl(fn)
	if fd == nil || fd.Body == nil {
		return true, true
	}
	idx := transportResult(fn)
	if idx < 0 {
		return true, true
	}
	dial, header = true, true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != fn.Signature().Results().Len() {
				return true // a bare return, or a call's results: trusted
			}
			d, h := c.bounds(n.Results[idx], depth+1)
			dial, header = dial && d, header && h
		}
		return true
	})
	return dial, header
}

// transportResult returns the index of a function's result that is a
// transport, -1 when none is.
func transportResult(fn *types.Func) int {
	res := fn.Signature().Results()
	for i := range res.Len() {
		switch strings.TrimPrefix(knowledge.TypeName(res.At(i).Type()), "*") {
		case knowledge.TransportResponseTimeout.Type, knowledge.RoundTripperType:
			return i
		}
	}
	return -1
}

// timedWrapper reports whether a RoundTripper literal that wraps another
// (an auth header, tracing, logging: the shape of oauth2.Transport and
// go-github's BasicAuthTransport) bounds the wait: it does when the
// transport it wraps, given in the literal, does. A wrapper with a
// time.Duration field may set a deadline of its own, and one whose base
// is not in the literal is built where this analysis cannot see: both
// are trusted.
func (c *checker) timedWrapper(lit *ast.CompositeLit, depth int) bool {
	t := c.info.TypeOf(lit)
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return true
	}
	if rt, _, _ := types.LookupFieldOrMethod(types.NewPointer(t), true, pkgOf(t), "RoundTrip"); rt == nil {
		return true
	}
	for f := range st.Fields() {
		if knowledge.TypeName(f.Type()) == knowledge.DurationType {
			return true
		}
	}
	var base ast.Expr
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			return true
		}
		f, ok := c.info.Uses[id].(*types.Var)
		if !ok {
			return true
		}
		switch knowledge.TypeName(f.Type()) {
		case knowledge.RoundTripperType, "*" + knowledge.TransportResponseTimeout.Type:
			if base != nil {
				return true
			}
			base = kv.Value
		}
	}
	return base == nil || c.timedTransport(base, depth+1)
}

// pkgOf returns the package of a named type, for looking up its
// unexported methods.
func pkgOf(t types.Type) *types.Package {
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Pkg()
	}
	return nil
}

// timedDial reports whether a transport's dial function bounds the dial:
// a net.Dialer's method with a Timeout, or a function of the program's
// own, which is trusted.
func (c *checker) timedDial(e ast.Expr, depth int) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return true
	}
	if knowledge.TypeName(c.info.TypeOf(sel.X)) != "*"+knowledge.DialerTimeout.Type &&
		knowledge.TypeName(c.info.TypeOf(sel.X)) != knowledge.DialerTimeout.Type {
		return true
	}
	x := ast.Unparen(sel.X)
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
		x = ast.Unparen(u.X)
	}
	switch x := x.(type) {
	case *ast.CompositeLit:
		return c.hasTimeout(x, knowledge.DialerTimeout.Any...)
	case *ast.Ident:
		v, ok := c.info.Uses[x].(*types.Var)
		if !ok || v.Pkg() != c.pass.Pkg {
			return true
		}
		if c.set[v] != nil {
			return true // dialer.Timeout = d
		}
		values := c.values(v)
		if len(values) != 1 {
			return true
		}
		return c.timedDial(&ast.SelectorExpr{X: values[0], Sel: sel.Sel}, depth+1)
	}
	return true
}

// setIn reports whether a literal sets the field, or the field is
// assigned later on the variable or field that holds it, to anything but
// a constant zero.
func (c *checker) setIn(lit *ast.CompositeLit, holder types.Object, field string) bool {
	if c.hasTimeout(lit, field) || len(lit.Elts) > 0 && !keyed(lit) {
		return true
	}
	return holder != nil && c.set[holder][field]
}

func keyed(lit *ast.CompositeLit) bool {
	_, ok := lit.Elts[0].(*ast.KeyValueExpr)
	return ok
}

// hasTimeout reports whether a literal sets one of the timeout fields
// named, to anything but a constant zero (ReadHeaderTimeout: 0 is none).
func (c *checker) hasTimeout(lit *ast.CompositeLit, names ...string) bool {
	for _, n := range names {
		if v := fieldValue(lit, n); v != nil && !c.none(v) {
			return true
		}
	}
	return false
}

func fieldValue(lit *ast.CompositeLit, name string) ast.Expr {
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return kv.Value
			}
		}
	}
	return nil
}

// cursorOf returns the cursor of a node of the package's files.
func (c *checker) cursorOf(n ast.Node) inspector.Cursor {
	cur, _ := c.insp.Root().FindByPos(n.Pos(), n.End())
	return cur
}

// deadline reports whether a send's request carries a context with a
// deadline set in the function that sends: made with
// http.NewRequestWithContext, WithContext or Clone of one, from a context
// that context.WithTimeout or WithDeadline returned there.
func (c *checker) deadline(call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil || fn.Name() != "Do" || len(call.Args) != 1 {
		return false // Get, Head, Post, PostForm take no context
	}
	return c.requestDeadline(call.Args[0], 0)
}

func (c *checker) requestDeadline(e ast.Expr, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		for _, a := range e.Args {
			if knowledge.TypeName(c.info.TypeOf(a)) == knowledge.ContextType && c.contextDeadline(a, depth+1) {
				return true
			}
		}
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && knowledge.TypeName(c.info.TypeOf(sel.X)) == knowledge.RequestType {
			return c.requestDeadline(sel.X, depth+1) // req.WithContext(ctx), or a method on a request that has one
		}
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		for _, w := range c.index.Writes(v) {
			if w.Sets() && c.requestDeadline(w.RHS, depth+1) {
				return true
			}
		}
	}
	return false
}

func (c *checker) contextDeadline(e ast.Expr, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(c.info, e).(*types.Func)
		if fn == nil {
			return false
		}
		name := knowledge.FuncName(fn)
		if knowledge.DeadlineContexts[name] {
			return true
		}
		return knowledge.ContextDerivers[name] && len(e.Args) > 0 && c.contextDeadline(e.Args[0], depth+1)
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		for _, w := range c.index.Writes(v) {
			if w.Sets() && c.contextDeadline(w.RHS, depth+1) {
				return true
			}
		}
	}
	return false
}

// exportFacts marks the package's functions that return http.DefaultClient,
// and its variables that hold it, for the packages that send with them.
func (c *checker) exportFacts() {
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				fn, ok := c.info.Defs[d.Name].(*types.Func)
				if ok && (fn.Exported() || fn.Signature().Recv() != nil) && c.returned(fn, 0) == defaultClient {
					c.pass.ExportObjectFact(fn, new(defaultClientFact))
				}
				if ok && fn.Exported() && c.returnsUntimed(fn, 0) {
					c.pass.ExportObjectFact(fn, new(untimedClientFact))
				}
				if ok && fn.Exported() && transportResult(fn) >= 0 {
					if dial, header := c.returnedBounds(fn, 0); !dial || !header {
						c.pass.ExportObjectFact(fn, &transportFact{Dial: dial, Header: header})
					}
				}
				if param, sets := c.setsTimeoutsIn(d); ok && fn.Exported() && sets {
					c.pass.ExportObjectFact(fn, &timeoutsFact{Param: param})
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					vs, ok := spec.(*ast.ValueSpec)
					if !ok {
						continue
					}
					for _, name := range vs.Names {
						v, ok := c.info.Defs[name].(*types.Var)
						if ok && v.Exported() && v.Parent() == c.pass.Pkg.Scope() && tracked(v.Type()) &&
							!c.set[v][knowledge.ClientTimeout.Fix] && c.single(c.values(v), 0) == defaultClient {
							c.pass.ExportObjectFact(v, new(defaultClientFact))
						}
					}
				}
			}
		}
	}
}
