// Context tracing: the context.Background() or context.TODO() a call's
// context comes from.

package effects

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"time"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/types/typeutil"
)

// DetachedContext returns the context.Background() or context.TODO() call
// that the call's context argument comes from, or nil: the argument is
// that call, a context derived from it (context.WithTimeout), or a local
// variable holding one. A call given no context runs under the one its
// receiver carries, when a builder made it with one: gorm's
// db.WithContext(ctx).Where(q).Find(&v), or tx := db.WithContext(ctx)
// and then tx.Find(&v).
func (r *Result) DetachedContext(call *ast.CallExpr) *ast.CallExpr {
	root, _ := r.detachedContext(call)
	return root
}

// detachedContext returns what DetachedContext does, and whether a short
// constant deadline is set on the way from it to the call
// (ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)).
func (r *Result) detachedContext(call *ast.CallExpr) (root *ast.CallExpr, deadline bool) {
	for depth := 0; call != nil && depth < 8; depth++ {
		for _, a := range call.Args {
			switch knowledge.TypeName(r.pass.TypesInfo.TypeOf(a)) {
			case knowledge.ContextType:
				return r.detached(a, 0)
			case knowledge.RequestType:
				// client.Do(req): the request carries the context it was made
				// or given with.
				if ctx := r.requestContext(a); ctx != nil {
					return r.detached(ctx, 0)
				}
			}
		}
		call = r.builtBy(call)
	}
	return nil, false
}

// builtBy returns the call that made a method call's receiver when that
// call is a builder's: a method that returns a value of its own
// receiver's type (gorm's WithContext and Where return a *gorm.DB), which
// carries on what it was given. A method that makes something else (a
// transaction of BeginTx, a span and a context) is no builder.
func (r *Result) builtBy(call *ast.CallExpr) *ast.CallExpr {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	maker := r.madeBy(sel.X)
	if maker == nil {
		return nil
	}
	fn, _ := typeutil.Callee(r.pass.TypesInfo, maker).(*types.Func)
	if fn == nil || fn.Signature().Recv() == nil || fn.Signature().Results().Len() != 1 ||
		!types.Identical(fn.Signature().Recv().Type(), fn.Signature().Results().At(0).Type()) {
		return nil
	}
	return maker
}

// requestContext returns the context a request expression carries, or
// nil when it is not known: the context argument of the
// http.NewRequestWithContext or req.WithContext(ctx) call it comes from,
// directly or through a variable assigned once.
func (r *Result) requestContext(e ast.Expr) ast.Expr {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(r.pass.TypesInfo, e).(*types.Func)
		if fn == nil {
			return nil
		}
		name := knowledge.FuncName(fn)
		i, setter := knowledge.ContextSetters[name]
		if name == "net/http.NewRequestWithContext" {
			i, setter = 0, true
		}
		if setter && i < len(e.Args) {
			return e.Args[i]
		}
	case *ast.Ident:
		v, ok := r.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok {
			return nil
		}
		if ws := r.index.Writes(v); len(ws) == 1 && ws[0].RHS != nil {
			return r.requestContext(ws[0].RHS)
		}
	}
	return nil
}

// givenContext reports whether the value a call makes (a request of
// http.NewRequest) is given a context later, in a variable it is stored
// in: req = req.WithContext(ctx), or client.Do(req.WithContext(ctx));
// or is served rather than sent (its RequestURI is set, which a client
// refuses); or is sent on a client whose short, constant Timeout bounds it
// (client := &http.Client{Timeout: 5 * time.Second}; client.Do(req)): it
// cannot outlive the request by more than that. A longer or configured
// one (a feed fetch of up to 20 s) still holds the handler's work long
// after its client left.
func (r *Result) givenContext(call *ast.CallExpr) bool {
	if r.contextSet == nil {
		r.contextSet = make(map[*ast.CallExpr]bool)
		mark := func(e ast.Expr) {
			id, ok := ast.Unparen(e).(*ast.Ident)
			if !ok {
				return
			}
			v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
			if !ok {
				return
			}
			for _, w := range r.index.Writes(v) {
				if made, ok := ast.Unparen(w.RHS).(*ast.CallExpr); ok {
					r.contextSet[made] = true
				}
			}
		}
		for _, ic := range r.callees.All() {
			sel, ok := ast.Unparen(ic.Expr.Fun).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			name := knowledge.FuncName(ic.Callee)
			if _, setter := knowledge.ContextSetters[name]; setter {
				mark(sel.X)
			} else if knowledge.ClientSends[name] && ic.Callee.Name() == "Do" && len(ic.Expr.Args) == 1 && r.timedValue(sel.X, knowledge.ClientTimeout, 0) {
				mark(ic.Expr.Args[0])
			}
		}
		// A request whose RequestURI is set is one being served, not sent
		// (a client refuses it): pocketbase builds each sub-request of a
		// batch with http.NewRequest and hands it to its own router.
		for _, f := range r.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if as, ok := n.(*ast.AssignStmt); ok {
					for _, lhs := range as.Lhs {
						if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && sel.Sel.Name == knowledge.ServedRequestField &&
							knowledge.TypeName(r.pass.TypesInfo.TypeOf(sel.X)) == knowledge.RequestType {
							mark(sel.X)
						}
					}
				}
				return true
			})
		}
	}
	return r.contextSet[call]
}

// timed reports whether a context-less call is bounded by a short,
// constant timeout set where it can be seen (see givenContext): on the
// client it sends on (client.Get(u), the client built in the function),
// on the dialer it dials with, or as its argument
// (net.DialTimeout(n, a, 3*time.Second)).
func (r *Result) timed(call *ast.CallExpr, v knowledge.ContextVariant) bool {
	if v.TimeoutArg > 0 {
		return len(call.Args) >= v.TimeoutArg && r.shortConstant(call.Args[v.TimeoutArg-1])
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && v.TimedBy != nil && r.timedValue(sel.X, *v.TimedBy, 0)
}

// timedValue reports whether an expression is a literal of the rule's
// type that sets one of its timeout fields short and constant, directly
// or through the one variable it is stored in.
func (r *Result) timedValue(e ast.Expr, rule knowledge.FieldRule, depth int) bool {
	if depth > 2 {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		return e.Op == token.AND && r.timedValue(e.X, rule, depth+1)
	case *ast.CompositeLit:
		if knowledge.TypeName(r.pass.TypesInfo.TypeOf(e)) != rule.Type {
			return false
		}
		for _, elt := range e.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				// A setting may be long; a net.Dialer's Deadline is a
				// time, not a duration: neither is short for sure.
				if id, ok := kv.Key.(*ast.Ident); ok && rule.Set(id.Name) && r.shortConstant(kv.Value) {
					return true
				}
			}
		}
	case *ast.Ident:
		v, ok := r.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok {
			return false
		}
		if ws := r.index.Writes(v); len(ws) == 1 && ws[0].Kind == strexpr.Assign && ws[0].RHS != nil {
			return r.timedValue(ws[0].RHS, rule, depth+1)
		}
	}
	return false
}

// shortConstant reports whether a duration is constant and positive,
// knowledge.ShortTimeout at most.
func (r *Result) shortConstant(e ast.Expr) bool {
	tv := r.pass.TypesInfo.Types[e]
	if tv.Value == nil || knowledge.TypeName(tv.Type) != knowledge.DurationType {
		return false
	}
	d, exact := constant.Int64Val(tv.Value)
	return exact && d > 0 && time.Duration(d) <= knowledge.ShortTimeout
}

func (r *Result) detachedRoot(e ast.Expr, depth int) *ast.CallExpr {
	root, _ := r.detached(e, depth)
	return root
}

// detached returns the context.Background() or context.TODO() call a
// context expression comes from, and whether a short constant deadline is
// set on the way (see shortDeadline).
func (r *Result) detached(e ast.Expr, depth int) (root *ast.CallExpr, deadline bool) {
	if depth > 8 {
		return nil, false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(r.pass.TypesInfo, e).(*types.Func)
		if fn == nil {
			return nil, false
		}
		switch name := knowledge.FuncName(fn); {
		case knowledge.Detachers[name]:
			return e, false
		case knowledge.ContextDerivers[name] && len(e.Args) > 0:
			root, deadline := r.detached(e.Args[0], depth+1)
			return root, deadline || knowledge.DeadlineContexts[name] && r.shortDeadline(e)
		}
	case *ast.Ident:
		v, ok := r.pass.TypesInfo.Uses[e].(*types.Var)
		if !ok {
			return nil, false
		}
		ws := r.index.Writes(v)
		if len(ws) != 1 || ws[0].RHS == nil {
			return nil, false
		}
		switch ws[0].Kind {
		case strexpr.Assign:
			return r.detached(ws[0].RHS, depth+1)
		case strexpr.Tuple:
			if ws[0].TupleIndex == 0 {
				return r.detached(ws[0].RHS, depth+1) // ctx, cancel := context.WithTimeout(...)
			}
		}
	}
	return nil, false
}

// shortDeadline reports whether a call that sets a context's deadline
// (context.WithTimeout) sets a constant one, knowledge.ShortTimeout at
// most: as for a client's Timeout, the work it bounds cannot outlive its
// request by more than that. A longer or configured one can.
func (r *Result) shortDeadline(call *ast.CallExpr) bool {
	if len(call.Args) < 2 || knowledge.TypeName(r.pass.TypesInfo.TypeOf(call.Args[1])) != knowledge.DurationType {
		return false // WithDeadline's time: when it falls is not written down
	}
	return r.shortConstant(call.Args[1])
}
