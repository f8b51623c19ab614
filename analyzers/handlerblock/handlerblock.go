package handlerblock

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/reqpath"
	"golang.org/x/tools/go/analysis"
)

// Analyzer reports blocking or uncancellable work on the request path.
var Analyzer = &analysis.Analyzer{
	Name:     "handlerblock",
	Doc:      Doc.String(),
	URL:      Doc.URL(),
	Requires: []*analysis.Analyzer{effects.Analyzer, reqpath.Analyzer},
	Run:      report.Guard(run),
}

// kinds are the effects handlerblock reports, the most urgent first: one
// finding per call.
var kinds = []effects.Kind{effects.Detached, effects.NoContext, effects.GlobalLock, effects.KeyLock, effects.Sleep, effects.Startup}

func run(pass *analysis.Pass) (any, error) {
	fx := pass.ResultOf[effects.Analyzer].(*effects.Result)
	if fx.Panic != "" {
		report.Internal(pass, "effects panicked on package "+pass.Pkg.Path()+": "+fx.Panic)
	}
	for _, h := range pass.ResultOf[reqpath.Analyzer].(*reqpath.Result).Handlers() {
		if report.IsTestCode(pass, h.Node.Pos()) {
			continue
		}
		ctx := h.ContextExpr()
		for _, call := range fx.Calls(h.Node) {
			set := fx.Call(call)
			for _, k := range kinds {
				e := set[k]
				if e == nil || k == effects.Detached && ctx == "" {
					continue // the request's context is not in scope
				}
				c := &finding{pass: pass, fx: fx, h: h, call: call, e: e, ctx: ctx}
				report.Report(pass, c.diagnostic())
				break
			}
		}
	}
	return nil, nil
}

// finding is one call on a handler's request path that blocks.
type finding struct {
	pass *analysis.Pass
	fx   *effects.Result
	h    *reqpath.Handler
	call *ast.CallExpr
	e    *effects.Effect
	ctx  string // the request's context, as the handler spells it; "" if not in scope
}

func (f *finding) diagnostic() analysis.Diagnostic {
	name := callName(f.call)
	via := ""
	if !f.e.Direct() {
		via = " (" + f.e.Path(name) + ")"
	}
	ctx := f.ctx
	if ctx == "" {
		ctx = "the request's context"
	}
	var msg string
	var fix *analysis.SuggestedFix
	switch f.e.Kind {
	case effects.NoContext:
		if f.e.Direct() {
			msg = fmt.Sprintf("%s cannot be cancelled: when the client goes away or times out, the work goes on and holds its connection or process; use %s with %s",
				name, f.e.Note, ctx)
			fix = f.variantFix()
		} else {
			msg = fmt.Sprintf("%s does I/O that cannot be cancelled%s: when the client goes away or times out, the work goes on and holds its connection or process; pass %s down and use %s",
				name, via, ctx, f.e.Note)
		}
	case effects.Detached:
		if f.e.Direct() {
			msg = fmt.Sprintf("%s runs under %s, detached from the request: when the client goes away, the work goes on; use %s (or context.WithoutCancel(%s) for work that must outlive the request)",
				name, f.e.Note, ctx, ctx)
			fix = f.detachedFix()
		} else {
			msg = fmt.Sprintf("%s does I/O under %s%s, detached from the request: when the client goes away, the work goes on; pass %s down instead",
				name, f.e.Note, via, ctx)
		}
	case effects.GlobalLock:
		msg = fmt.Sprintf("%s does I/O%s while the package-level mutex %s is held: every request waits for every other's I/O; hold the lock around the shared data only",
			name, via, f.e.Note)
	case effects.KeyLock:
		msg = fmt.Sprintf("%s does I/O%s while the mutex %s, taken by key from package-level state, is held: every request for the same key waits for the others' I/O; hold the lock around the shared data only",
			name, via, f.e.Note)
	case effects.Sleep:
		msg = fmt.Sprintf("%s sleeps%s while the request waits: requests and their goroutines pile up behind it; wait on a timer in a select that also watches %s.Done(), or do the waiting off the request path",
			name, via, ctx)
	case effects.Startup:
		if f.e.Direct() {
			msg = fmt.Sprintf("%s builds the same %s on every request; build it once, in a package-level variable", name, f.e.Note)
			fix = f.hoistFix()
		} else {
			msg = fmt.Sprintf("%s builds the same %s on every request%s; build it once, in a package-level variable", name, f.e.Note, via)
		}
	}
	d := analysis.Diagnostic{Pos: f.call.Pos(), End: f.call.End(), Message: msg}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	return d
}

// callName names the called function as the code spells it.
func callName(call *ast.CallExpr) string {
	s := types.ExprString(call.Fun)
	if len(s) > 50 {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return sel.Sel.Name
		}
	}
	return s
}
