package thirdpartysync

import (
	"go/ast"
	"go/constant"
	"go/types"
	"net/http"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/reqpath"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// deliveries tells the HTTP handlers that a push queue or a scheduler
// calls (Cloud Tasks, App Engine task queues and cron, Cloud Scheduler,
// SNS HTTP subscriptions, QStash) from those a user waits for. The queue
// holds the job, posts it to the handler and retries it with backoff:
// sending there is the durable queue the message recommends, not the
// crisis. What marks such a handler is what it does with the request:
// it reads a header only the queue's delivery carries, or verifies the
// delivery's signature (knowledge.JobDeliveryHeaders,
// knowledge.JobDeliveryVerifiers).
type deliveries struct {
	info *types.Info
	// readers are the package's functions that read a delivery's header
	// or verify it, themselves or through another of them; checkers
	// those that decide on it, in a condition (a middleware that turns
	// away what is not the queue's).
	readers, checkers map[*types.Func]bool
	// wrapped are the handlers a checker wraps where they are routed,
	// by their function or, for a literal, their node.
	wrapped map[any]bool
}

func newDeliveries(pass *analysis.Pass, handlers []*reqpath.Handler) *deliveries {
	d := &deliveries{info: pass.TypesInfo, readers: make(map[*types.Func]bool), checkers: make(map[*types.Func]bool), wrapped: make(map[any]bool)}
	decls := make(map[*types.Func]*ast.FuncDecl)
	for _, f := range pass.Files {
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					decls[fn] = fd
				}
			}
		}
	}
	// A reader of a reader reads: the fixpoint over the package's calls.
	for changed := true; changed; {
		changed = false
		for fn, fd := range decls {
			if !d.readers[fn] && d.reads(fd.Body) {
				d.readers[fn], changed = true, true
			}
		}
	}
	for fn, fd := range decls {
		if d.readers[fn] && d.checks(fd.Body) {
			d.checkers[fn] = true
		}
	}
	if len(d.checkers) > 0 {
		d.findWrapped(pass, handlers)
	}
	return d
}

// target reports whether the queue or a scheduler calls h: it reads a
// delivery's header or verifies it, decides on a helper that does, or a
// checking middleware wraps it where it is routed.
func (d *deliveries) target(h *reqpath.Handler) bool {
	if h.Kind != reqpath.HTTP {
		return false
	}
	if d.wrapped[h.Node] || h.Func != nil && d.wrapped[h.Func] {
		return true
	}
	var body *ast.BlockStmt
	switch n := h.Node.(type) {
	case *ast.FuncDecl:
		body = n.Body
	case *ast.FuncLit:
		body = n.Body
	}
	if body == nil {
		return false
	}
	direct := false
	ast.Inspect(body, func(n ast.Node) bool {
		direct = direct || d.deliveryRead(n)
		return !direct
	})
	// A helper that reads may be a logger of every header: the handler
	// is the queue's when it decides on what the helper says.
	return direct || d.checks(body)
}

// deliveryRead reports whether n reads a header only a queue's delivery
// carries, or verifies a delivery.
func (d *deliveries) deliveryRead(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(d.info, n).(*types.Func)
		name := knowledge.FuncName(fn)
		if _, ok := knowledge.JobDeliveryVerifiers[name]; ok {
			return true
		}
		if i, ok := knowledge.RequestHeaderReaders[name]; ok && i < len(n.Args) {
			return d.deliveryHeader(n.Args[i])
		}
	case *ast.IndexExpr: // r.Header["X-Appengine-Taskname"]
		if t := d.info.TypeOf(n.X); t != nil && knowledge.TypeName(t) == knowledge.HeaderMap {
			return d.deliveryHeader(n.Index)
		}
	}
	return false
}

// deliveryHeader reports whether e is the constant name of a delivery's
// header, spelled in any case.
func (d *deliveries) deliveryHeader(e ast.Expr) bool {
	v := d.info.Types[e].Value
	if v == nil || v.Kind() != constant.String {
		return false
	}
	_, ok := knowledge.JobDeliveryHeaders[http.CanonicalHeaderKey(constant.StringVal(v))]
	return ok
}

// read reports whether n reads a delivery, itself or through a reader of
// the package.
func (d *deliveries) read(n ast.Node) bool {
	if d.deliveryRead(n) {
		return true
	}
	if call, ok := n.(*ast.CallExpr); ok {
		fn, _ := typeutil.Callee(d.info, call).(*types.Func)
		return d.readers[fn]
	}
	return false
}

// reads reports whether a read is anywhere under n.
func (d *deliveries) reads(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		found = found || d.read(n)
		return !found
	})
	return found
}

// checks reports whether body decides on a delivery: a read in the
// condition (or the statement before it) of an if or a switch, or of a
// variable the read is assigned to.
func (d *deliveries) checks(body *ast.BlockStmt) bool {
	vars := make(map[types.Object]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, rhs := range n.Rhs {
				if d.reads(rhs) {
					for j, lhs := range n.Lhs {
						if len(n.Rhs) == 1 || i == j {
							d.mark(vars, lhs)
						}
					}
				}
			}
		case *ast.ValueSpec:
			for i, v := range n.Values {
				if d.reads(v) {
					for j, name := range n.Names {
						if len(n.Values) == 1 || i == j {
							d.mark(vars, name)
						}
					}
				}
			}
		}
		return true
	})
	decides := func(e ast.Node) bool {
		if e == nil {
			return false
		}
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && vars[d.info.Uses[id]] {
				found = true
			}
			found = found || d.read(n)
			return !found
		})
		return found
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			found = found || decides(n.Init) || decides(n.Cond)
		case *ast.SwitchStmt:
			found = found || decides(n.Init) || decides(n.Tag)
		}
		return !found
	})
	return found
}

// mark records the variable e names.
func (d *deliveries) mark(vars map[types.Object]bool, e ast.Expr) {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if obj := d.info.ObjectOf(id); obj != nil {
			vars[obj] = true
		}
	}
}

// findWrapped finds the handlers routed through a checker: wrapped by one
// (mux.Handle("/tasks/x", queueOnly(http.HandlerFunc(h)))) or chained
// after one (r.POST("/tasks/x", queueOnly(), h)).
func (d *deliveries) findWrapped(pass *analysis.Pass, handlers []*reqpath.Handler) {
	funcs := make(map[types.Object]bool)
	lits := make(map[ast.Node]bool)
	for _, h := range handlers {
		if h.Func != nil {
			funcs[h.Func] = true
		} else {
			lits[h.Node] = true
		}
	}
	for _, f := range pass.Files {
		ast.PreorderStack(f, nil, func(n ast.Node, stack []ast.Node) bool {
			var key any
			switch n := n.(type) {
			case *ast.Ident:
				if obj := pass.TypesInfo.Uses[n]; funcs[obj] {
					key = obj
				}
			case *ast.FuncLit:
				if lits[n] {
					key = n
				}
			}
			if key != nil && d.guarded(n, stack) {
				d.wrapped[key] = true
			}
			return true
		})
	}
}

// guarded reports whether the calls n is handed to, innermost first, take
// a checker: as the callee, or as another argument.
func (d *deliveries) guarded(n ast.Node, stack []ast.Node) bool {
	child := n
	for i := len(stack) - 1; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
		case *ast.SelectorExpr: // s.welcomeTask
			if p.Sel != child {
				return false
			}
		case *ast.CallExpr:
			arg := false
			for _, a := range p.Args {
				arg = arg || a == child
			}
			if !arg {
				return false
			}
			if d.checker(p) {
				return true
			}
			for _, a := range p.Args {
				if a != child && d.checker(a) {
					return true
				}
			}
		default:
			return false
		}
		child = stack[i]
	}
	return false
}

// checker reports whether e is a checker, or a call of one.
func (d *deliveries) checker(e ast.Node) bool {
	switch e := e.(type) {
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(d.info, e).(*types.Func)
		return d.checkers[fn]
	case *ast.Ident:
		fn, _ := d.info.Uses[e].(*types.Func)
		return d.checkers[fn]
	case *ast.SelectorExpr:
		fn, _ := d.info.Uses[e.Sel].(*types.Func)
		return d.checkers[fn]
	case *ast.ParenExpr:
		return d.checker(e.X)
	}
	return false
}
