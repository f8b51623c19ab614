package thirdpartysync

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/reqpath"
	"golang.org/x/tools/go/analysis"
)

// Analyzer reports third-party messaging calls made while a request waits.
var Analyzer = &analysis.Analyzer{
	Name:     "thirdpartysync",
	Doc:      Doc.String(),
	URL:      Doc.URL(),
	Requires: []*analysis.Analyzer{effects.Analyzer, reqpath.Analyzer},
	Run:      report.Guard(run),
}

func run(pass *analysis.Pass) (any, error) {
	fx := pass.ResultOf[effects.Analyzer].(*effects.Result)
	if fx.Panic != "" {
		report.Internal(pass, "effects panicked on package "+pass.Pkg.Path()+": "+fx.Panic)
	}
	rep := report.New(pass)
	handlers := pass.ResultOf[reqpath.Analyzer].(*reqpath.Result).Handlers()
	var queue *deliveries // made at the first send: most packages have none
	for _, h := range handlers {
		if report.IsTestCode(pass, h.Node.Pos()) {
			continue
		}
		for _, call := range fx.Calls(h.Node) {
			e := fx.Call(call)[effects.Messaging]
			if e == nil {
				continue
			}
			if queue == nil {
				queue = newDeliveries(pass, handlers)
			}
			if queue.target(h) {
				break // the queue waits, and retries: no user does
			}
			name := callName(call)
			via := ""
			if !e.Direct() {
				via = " (" + e.Path(name) + ")"
			}
			f := report.Finding{Pos: call.Pos(), End: call.End(), Severity: report.Warning,
				Message: fmt.Sprintf("%s sends through %s while the request waits%s: when %s is slow or down, every request here hangs with it; enqueue the message on a durable queue (an outbox table, river, asynq) and respond at once (a bare goroutine loses it if the process dies)",
					name, e.Note, via, e.Note)}
			if blamed := e.Blamed(pass.Pkg.Name()); blamed != "" {
				// The handlers that send through one notifier are one
				// cause: the notifier sends while its callers wait.
				f.Root, f.Also = blamed, "calls reaching "+blamed
			}
			rep.Add(f)
		}
	}
	rep.Flush()
	return nil, nil
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
