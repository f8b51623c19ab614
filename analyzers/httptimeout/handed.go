package httptimeout

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// A function that takes a context and sends on http.DefaultClient with
// it leaves the deadline to its callers, as Go's APIs do: jwk.Fetch(ctx,
// url) is bounded when its caller wrote context.WithTimeout, and only
// the caller can be told to. Such a send is reported at the calls that
// give it a context without a deadline, and a caller that hands its own
// context parameter on leaves it to its callers in turn.

// ctxSendFact marks a function that sends on http.DefaultClient with the
// context of its parameter Param, which bounds the send only when its
// caller gave that context a deadline.
type ctxSendFact struct {
	Param int
	Chain string // "jwk.Fetch → http.DefaultClient.Do"
}

func (*ctxSendFact) AFact() {}
func (f *ctxSendFact) String() string {
	return fmt.Sprintf("sends on http.DefaultClient with the context of parameter %d: %s", f.Param, f.Chain)
}

// collectHanded finds the package's functions whose sends on
// http.DefaultClient take their context from a parameter, directly or
// through calls of such functions, and exports a fact for each.
func (c *checker) collectHanded() {
	c.handed = make(map[*types.Func]*ctxSendFact)
	c.visiting = make(map[*types.Var]bool)
	var calls []inspector.Cursor
	for cur := range c.insp.Root().Preorder((*ast.CallExpr)(nil)) {
		if report.IsTestCode(c.pass, cur.Node().Pos()) {
			continue
		}
		call := cur.Node().(*ast.CallExpr)
		fn, _ := typeutil.Callee(c.info, call).(*types.Func)
		if fn == nil {
			continue
		}
		if knowledge.ClientSends[knowledge.FuncName(fn)] {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && c.origin(sel.X, 0) == defaultClient && !c.deadline(call) {
				if p, ok := c.requestParam(call.Args, cur); ok && p >= 0 {
					c.hand(cur, p, callName(call))
				}
			}
			continue
		}
		calls = append(calls, cur)
	}
	// Calls of functions that hand the context on: to a fixed point, since
	// a function may call one declared after it.
	for changed := true; changed; {
		changed = false
		for _, cur := range calls {
			call := cur.Node().(*ast.CallExpr)
			f := c.sendsWithContext(call)
			if f == nil || f.Param >= len(call.Args) || c.contextDeadline(call.Args[f.Param], 0) {
				continue
			}
			if p, ok := c.contextParam(call.Args[f.Param], cur, 0); ok && p >= 0 && c.hand(cur, p, callName(call)+" → "+f.Chain) {
				changed = true
			}
		}
	}
	for fn, f := range c.handed {
		c.pass.ExportObjectFact(fn, f)
	}
}

// hand records that the function declared around cur sends with the
// context of its parameter p; it reports whether that is new.
func (c *checker) hand(cur inspector.Cursor, p int, chain string) bool {
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fn, ok := c.info.Defs[fd.Node().(*ast.FuncDecl).Name].(*types.Func)
		if !ok || c.handed[fn] != nil {
			return false
		}
		c.handed[fn] = &ctxSendFact{Param: p, Chain: chain}
		return true
	}
	return false
}

// sendsWithContext returns what a call's callee does with a context
// parameter, or nil when it does not send with it.
func (c *checker) sendsWithContext(call *ast.CallExpr) *ctxSendFact {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if f := c.handed[fn]; f != nil {
		return f
	}
	if fn.Pkg() == c.pass.Pkg {
		return nil
	}
	f := new(ctxSendFact)
	if !c.pass.ImportObjectFact(fn, f) {
		return nil
	}
	return f
}

// requestParam reports which parameter of the function declared around
// cur gives its context to the request a send's arguments carry (see
// requestContext), directly or through a context derived from it without
// a deadline.
func (c *checker) requestParam(args []ast.Expr, cur inspector.Cursor) (int, bool) {
	if len(args) != 1 {
		return 0, false
	}
	ctx := c.requestContext(args[0], 0)
	if ctx == nil {
		return 0, false
	}
	return c.contextParam(ctx, cur, 0)
}

// contextParam reports which parameter of the function declared around
// cur a context is, or is derived from without a deadline; -1 when it is
// a field that only setters of the package give a value, from their own
// parameter (provider.SetContext(ctx)): the context is its setter's
// caller's, who may have given it a deadline that cannot be seen here.
func (c *checker) contextParam(e ast.Expr, cur inspector.Cursor, depth int) (int, bool) {
	if depth > maxDepth {
		return 0, false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(c.info, e).(*types.Func)
		if fn == nil || !knowledge.ContextDerivers[knowledge.FuncName(fn)] || knowledge.DeadlineContexts[knowledge.FuncName(fn)] || len(e.Args) == 0 {
			return 0, false
		}
		return c.contextParam(e.Args[0], cur, depth+1)
	case *ast.SelectorExpr:
		if f, ok := c.info.Uses[e.Sel].(*types.Var); ok && f.IsField() && c.setterField(f) {
			return -1, true
		}
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok || knowledge.TypeName(v.Type()) != knowledge.ContextType {
			return 0, false // gitea's *context.Context is the request, not a caller's context
		}
		if i, ok := c.paramOfDecl(v, cur); ok {
			if c.visiting[v] {
				return i, true // the parameter's own value, in a write to it
			}
			c.visiting[v] = true
			defer delete(c.visiting, v)
			// ctx = context.WithValue(ctx, k, v) keeps it the caller's.
			for _, w := range c.index.Writes(v) {
				if !w.Sets() {
					return 0, false
				}
				if j, ok := c.contextParam(w.RHS, cur, depth+1); !ok || j != i {
					return 0, false
				}
			}
			return i, true
		}
		// A local variable given one value: follow it.
		if ws := c.index.Writes(v); len(ws) == 1 && ws[0].Sets() {
			return c.contextParam(ws[0].RHS, cur, depth+1)
		}
	}
	return 0, false
}

// paramOfDecl returns the index of v among the parameters of the
// function declared around cur, when it is one (not a parameter of a
// function literal inside it) and the function is not a handler.
func (c *checker) paramOfDecl(v *types.Var, cur inspector.Cursor) (int, bool) {
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fn, ok := c.info.Defs[fd.Node().(*ast.FuncDecl).Name].(*types.Func)
		if !ok || c.rp.Of(fd.Node()) != nil {
			return 0, false // a handler's context is its request's: its callers are the server
		}
		params := fn.Signature().Params()
		for i := range params.Len() {
			if params.At(i) == v {
				return i, true
			}
		}
	}
	return 0, false
}

// handedCall reports a call of a function that sends on
// http.DefaultClient with the context it is given, when this caller gives
// it one without a deadline and does not hand its own on.
func (c *checker) handedCall(cur inspector.Cursor, call *ast.CallExpr) {
	f := c.sendsWithContext(call)
	if f == nil || f.Param >= len(call.Args) || c.contextDeadline(call.Args[f.Param], 0) {
		return
	}
	if _, ok := c.contextParam(call.Args[f.Param], cur, 0); ok {
		return // handed on: reported at its callers
	}
	if c.setterBounded(call.Args[f.Param]) {
		return // every caller of its setter gives it a deadline
	}
	if c.servedContext(call.Args[f.Param], 0) {
		if c.routerDeadline() {
			return // the request's context has the deadline of the package's router
		}
		c.rep.Add(report.Finding{
			Pos: call.Pos(), End: call.End(), Severity: report.Warning,
			Message: fmt.Sprintf("%s sends on http.DefaultClient, which has no timeout, with the context it is given (%s), the request's being served: when the service does not answer, the call waits as long as the client does, and a client that never gives up holds it forever; give it a context with a deadline (context.WithTimeout)",
				callName(call), f.Chain),
			Root: "DefaultClient via " + callName(call) + " → " + f.Chain, Also: "calls of it",
		})
		return
	}
	waits := c.waits(cur)
	c.rep.Add(report.Finding{
		Pos: call.Pos(), End: call.End(), Severity: severity(waits),
		Message: fmt.Sprintf("%s sends on http.DefaultClient, which has no timeout, with the context it is given (%s), and this one has no deadline: when the service does not answer, the call waits until the context is cancelled, if ever%s; give it a context with a deadline (context.WithTimeout)",
			callName(call), f.Chain, onPath(waits)),
		Root: "DefaultClient via " + callName(call) + " → " + f.Chain, Also: "calls of it",
	})
}

// servedContext reports whether a context is the one of a request being
// served: r.Context(), c.Request.Context(), or a framework's request
// context (gitea's *context.Context). A call under it ends when the
// client leaves, and a relay that streams the response back (an SSE
// proxy) depends on that: a client Timeout would cut the stream too.
func (c *checker) servedContext(e ast.Expr, depth int) bool {
	if depth > maxDepth || e == nil {
		return false
	}
	e = ast.Unparen(e)
	if t := c.info.TypeOf(e); t != nil && knowledge.TypeName(t) != knowledge.ContextType && c.rp.ReachesRequest(t) {
		return true // a framework's context, which is its request's
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(c.info, e).(*types.Func)
		if fn == nil {
			return false
		}
		if knowledge.FuncName(fn) == knowledge.RequestContext {
			sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
			return ok && c.served(sel.X)
		}
		return knowledge.ContextDerivers[knowledge.FuncName(fn)] && !knowledge.DeadlineContexts[knowledge.FuncName(fn)] &&
			len(e.Args) > 0 && c.servedContext(e.Args[0], depth+1)
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		ws := c.index.Writes(v)
		return len(ws) == 1 && ws[0].Sets() && c.servedContext(ws[0].RHS, depth+1)
	}
	return false
}

// served reports whether a request expression is one being served: a
// parameter, or a field of one (c.Request), not a request the function
// builds to send.
func (c *checker) served(e ast.Expr) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.Ident:
			v, ok := c.info.Uses[x].(*types.Var)
			if !ok {
				return false
			}
			_, param := c.index.Param(v)
			return param
		default:
			return false
		}
	}
}

// requestContext returns the context a send's request is made or given
// with, or nil: NewRequestWithContext(ctx, …), req.WithContext(ctx).
func (c *checker) requestContext(e ast.Expr, depth int) ast.Expr {
	if depth > maxDepth {
		return nil
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		for _, a := range e.Args {
			if knowledge.TypeName(c.info.TypeOf(a)) == knowledge.ContextType {
				return a
			}
		}
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && knowledge.TypeName(c.info.TypeOf(sel.X)) == knowledge.RequestType {
			return c.requestContext(sel.X, depth+1)
		}
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return nil
		}
		if ws := c.index.Writes(v); len(ws) == 1 && ws[0].Sets() {
			return c.requestContext(ws[0].RHS, depth+1)
		}
	}
	return nil
}
