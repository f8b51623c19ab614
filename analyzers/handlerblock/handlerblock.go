package handlerblock

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/reqpath"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer reports blocking or uncancellable work on the request path.
var Analyzer = &analysis.Analyzer{
	Name:      "handlerblock",
	Doc:       Doc.String(),
	URL:       Doc.URL(),
	Requires:  []*analysis.Analyzer{effects.Analyzer, reqpath.Analyzer},
	FactTypes: []analysis.Fact{new(layersFact), new(usesFact)},
	Run:       report.Guard(run),
}

// local reports whether an effect is caused in the package, by the
// handler or a function of its package: start-up work done per call
// deeper down (a parser of another package compiling its expressions) is
// that package's design, which a handler cannot hoist.
func local(pass *analysis.Pass, e *effects.Effect) bool {
	for _, link := range e.Chain[:len(e.Chain)-1] {
		if p := effects.LinkPackage(link); p != "" && p != pass.Pkg.Name() {
			return false
		}
	}
	return true
}

// kinds are the effects handlerblock reports; of those a call has, the
// one that hurts most is reported, and among equals the first here.
var kinds = []effects.Kind{effects.Detached, effects.NoContext, effects.GlobalLock, effects.KeyLock, effects.Sleep, effects.Startup}

func run(pass *analysis.Pass) (any, error) {
	fx := pass.ResultOf[effects.Analyzer].(*effects.Result)
	if fx.Panic != "" {
		report.Internal(pass, "effects panicked on package "+pass.Pkg.Path()+": "+fx.Panic)
	}
	var found []*finding
	for _, h := range pass.ResultOf[reqpath.Analyzer].(*reqpath.Result).Handlers() {
		if report.IsTestCode(pass, h.Node.Pos()) {
			continue
		}
		ctx := h.ContextExpr()
		defers := deferred(h.Node)
		for _, call := range fx.Calls(h.Node) {
			set := fx.Call(call)
			site := fx.Site(h.Node, call) // what the call is, in the handler
			var worst *finding
			for _, k := range kinds {
				e := set[k]
				if e == nil || k == effects.Detached && ctx == "" {
					continue // the request's context is not in scope
				}
				if k == effects.Detached && e.Attrs&effects.Bounded != 0 {
					// A redis command that does not block, under
					// context.Background(): the client's read timeout ends
					// it, and the request's context could only end it a
					// little sooner, which bookkeeping (a rate limit's
					// counter) must not. Where the Background() is written
					// does not change that.
					continue
				}
				if (k == effects.Detached || k == effects.NoContext) && defers.contains(call) {
					// Cleanup and accounting as the handler leaves
					// (billing the quota a relay used) must complete:
					// the request's context would skip them when the
					// client has gone.
					continue
				}
				if (k == effects.Detached || k == effects.NoContext) && !e.Direct() && chosenContext(pass, fx, call) {
					// The handler gives the work a context it chose to
					// outlive the request (the server's): what the work
					// does below with or without one is that choice.
					continue
				}
				if (k == effects.Detached || k == effects.NoContext) && (e.Attrs|site)&effects.Abandoned != 0 {
					// A transaction around a callback that gives up when
					// the client leaves (a select on the request's Done or
					// a timer): it rolls back then, and only its BEGIN went
					// without the request's context.
					continue
				}
				if k == effects.NoContext && set[effects.Messaging] != nil && knowledge.VariantNamed(e.Note).Connects {
					// The mail server's dial, inside a send through a third
					// party: the request waits on the send, which
					// thirdpartysync reports at this call, and enqueuing
					// the send (its remedy) ends the wait on the dial too.
					continue
				}
				if k == effects.Sleep && e.Attrs&effects.Deliberate != 0 {
					continue // a delay drawn at random: against timing attacks or brute force, on purpose
				}
				if k == effects.Sleep && (e.Attrs|site)&effects.Backoff != 0 {
					// The pause between a few attempts whose calls carry a
					// context: the bounded backoff retrystorm asks for,
					// not a wait that piles requests up.
					continue
				}
				if k == effects.Startup && !local(pass, e) {
					continue // another package's per-call parsing is its own to hoist
				}
				if k == effects.Startup && e.Attrs&effects.Setting != 0 {
					continue // parsed again only in a mode the server is started in: a development mode's hot reload
				}
				switch k {
				case effects.NoContext, effects.GlobalLock, effects.KeyLock:
					if e.Attrs&(effects.Lazy|effects.Cached|effects.ErrorPath|effects.Worker) != 0 {
						continue // made once per key or object, or on a failure: not what each request waits for
					}
				}
				f := &finding{pass: pass, fx: fx, h: h, call: call, e: e, ctx: ctx}
				if worst == nil || f.severity() > worst.severity() {
					worst = f
				}
			}
			if worst != nil {
				found = append(found, worst)
			}
		}
	}
	// In source order by file name and offset (handlers come in token.Pos
	// order, which follows the order go/packages happened to parse the
	// files in), so a layer's message lists its functions the same way
	// every run.
	slices.SortStableFunc(found, func(a, b *finding) int {
		pa, pb := pass.Fset.Position(a.call.Pos()), pass.Fset.Position(b.call.Pos())
		return cmp.Or(cmp.Compare(pa.Filename, pb.Filename), cmp.Compare(pa.Offset, pb.Offset))
	})
	if devOnly(pass, len(found) > 0) {
		found = nil // mounted only in a development or test mode
	}
	layers := findLayers(pass, fx, found)
	share(pass, layers)
	rep := report.New(pass)
	for _, f := range found {
		f.layer = layers[f.layerPackage()]
		if f.layer != nil && f.layer.owner != "" {
			continue // another package's handlers say it, once for all
		}
		rep.Add(f.finding())
	}
	rep.Flush()
	return nil, nil
}

// spans are ranges of source.
type spans [][2]token.Pos

func (s spans) contains(n ast.Node) bool {
	return slices.ContainsFunc(s, func(sp [2]token.Pos) bool { return sp[0] <= n.Pos() && n.End() <= sp[1] })
}

// deferred returns the spans of a handler's defer statements: the
// deferred call and, for a function literal, its body.
func deferred(fn ast.Node) spans {
	var out spans
	ast.Inspect(fn, func(n ast.Node) bool {
		if d, ok := n.(*ast.DeferStmt); ok {
			out = append(out, [2]token.Pos{d.Pos(), d.End()})
		}
		return true
	})
	return out
}

// finding is one call on a handler's request path that blocks.
type finding struct {
	pass  *analysis.Pass
	fx    *effects.Result
	h     *reqpath.Handler
	call  *ast.CallExpr
	e     *effects.Effect
	ctx   string // the request's context, as the handler spells it; "" if not in scope
	layer *layer // the context-less layer the call reaches, or nil
}

// severity ranks the harm of going on with the work once the client has
// left, or of doing it at all on the request path:
//
//   - Error: a wait on another service over the network that ignores
//     the request (a request built without a context, or under a
//     detached one), as long as that service takes; and I/O under a
//     package-level mutex, which makes every request wait for every
//     other's I/O.
//   - Warning: a query that returns rows as many as the data holds, a
//     process run without a context, a DNS lookup without one, a
//     database call under a detached context, a sleep.
//   - Note: a context-less point lookup or single statement (it ends in
//     milliseconds whoever waits for it), I/O under a detached context
//     with a short deadline (it ends by then whoever waits for it), and
//     start-up work done per request.
func (f *finding) severity() report.Severity {
	switch f.e.Kind {
	case effects.GlobalLock, effects.KeyLock:
		return report.Error
	case effects.NoContext, effects.Detached:
		switch {
		case f.e.Kind == effects.Detached && f.e.Attrs&effects.Deadline != 0:
			return report.Note
		case f.e.Kind == effects.NoContext && knowledge.VariantNamed(f.e.Note).Resolves:
			return report.Warning // the resolver's own timeouts end it, after seconds
		case f.e.Remote:
			return report.Error
		case f.e.Kind == effects.Detached, f.e.Note == "CommandContext", knowledge.ScanVariant(f.e.Note):
			return report.Warning
		}
		return report.Note
	case effects.Sleep:
		return report.Warning
	}
	return report.Note
}

// root names what a finding's call reaches that is to blame, so the calls
// of one package that reach it are one finding: the first function of
// another package the chain goes through (the API the handlers use that
// takes no context: Storage.UserByID, subscription.FindSubscriptions), or
// else the function that makes the blocking call; or the layer of
// context-less functions it belongs to. A cause written in the handler,
// and a context detached at the call itself, are causes of their own.
func (f *finding) root() (root, also string) {
	switch {
	case f.layer != nil:
		return "layer " + f.layer.name, "calls into package " + f.layer.name
	case f.e.Kind == effects.GlobalLock, f.e.Kind == effects.KeyLock:
		return "lock " + f.e.Note, "calls made under " + f.e.Note
	case f.e.Kind == effects.Detached && f.fx.DetachedContext(f.call) != nil:
		// One context.Background() (a variable the handler's calls share)
		// is one cause: replace it once.
		at := f.pass.Fset.Position(f.fx.DetachedContext(f.call).Pos())
		return fmt.Sprintf("detached %s:%d", at.Filename, at.Line), "calls under that " + f.e.Note
	case f.e.Kind == effects.NoContext && f.e.Direct() && f.severity() == report.Note:
		// Point lookups and single statements written without the
		// request's context in a package's handlers are one habit of the
		// package's, one finding; -fix still fixes each.
		return "note nocontext", "statements without context in handlers"
	case f.e.Direct():
		return "", ""
	case f.e.Kind == effects.NoContext && f.e.Remote:
		// The requests built without a context by one function of the
		// program (a fetcher's ExecuteRequest, whichever handler's
		// service reaches it) are one cause: that function must take
		// one.
		maker := f.e.Chain[len(f.e.Chain)-2]
		if len(f.e.Chain) == 2 {
			// The call itself is the maker, spelled as written.
			if fn, ok := typeutil.Callee(f.pass.TypesInfo, f.call).(*types.Func); ok {
				maker = effects.Name(fn)
			}
		}
		return "remote " + maker, "calls reaching " + maker
	}
	blamed := f.e.Blamed(f.pass.Pkg.Name())
	return f.e.Kind.String() + " " + blamed, "calls reaching " + blamed
}

// layerPackage returns the package of the function that makes a
// context-less call, when the call reaches one through the program's
// code: the layer the call may belong to.
func (f *finding) layerPackage() string {
	if f.e.Kind != effects.NoContext || f.e.Direct() || f.e.Remote {
		return ""
	}
	return effects.LinkPackage(f.e.Chain[len(f.e.Chain)-2])
}

func (f *finding) finding() report.Finding {
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
		switch v := knowledge.VariantNamed(f.e.Note); {
		case v.Connects || v.Resolves:
			waits := "connects to another host without the request's context%s: when the host does not answer, the dial waits for the system's connect timeout, minutes,"
			switch {
			case v.Resolves:
				waits = "asks the resolver without the request's context%s: when DNS is slow or down, the lookup waits out the resolver's timeouts and retries, seconds for each name it tries,"
			case v.TimeoutArg > 0:
				waits = "connects to another host without the request's context%s: when the host does not answer, the dial waits out its timeout, which is not a short constant,"
			case v.TimedBy != nil:
				waits = "connects to another host without the request's context%s: when the host does not answer, the dial waits for the dialer's timeout, or without one for the system's connect timeout, minutes,"
			}
			msg = name + " " + fmt.Sprintf(waits, via) + " after the client has gone, and requests pile up behind it; "
			if f.e.Direct() {
				msg += fmt.Sprintf("use %s with %s", f.e.Note, ctx)
				fix = f.variantFix()
			} else {
				msg += fmt.Sprintf("pass %s down and use %s", ctx, f.e.Note)
			}
		case f.e.Direct() && f.e.Remote:
			msg = fmt.Sprintf("%s builds a request to another service that cannot be cancelled: when the client goes away or times out, the request goes on until that service answers or the client's own timeout ends it, and holds its goroutine and connection; use %s with %s",
				name, f.e.Note, ctx)
			fix = f.variantFix()
		case f.e.Direct():
			msg = fmt.Sprintf("%s cannot be cancelled: when the client goes away or times out, the work goes on and holds its connection or process; use %s with %s",
				name, f.e.Note, ctx)
			fix = f.variantFix()
		case f.e.Remote:
			msg = fmt.Sprintf("%s sends a request to another service that cannot be cancelled%s: when the client goes away or times out, the request goes on until that service answers or the client's own timeout ends it, and holds its goroutine and connection; pass %s down and use %s",
				name, via, ctx, f.e.Note)
		case f.layer != nil:
			msg = fmt.Sprintf("%s does I/O that cannot be cancelled%s: %s; when the client goes away or times out, the queries go on and hold their connections; give the layer's methods a context.Context, use %s and the other context variants inside, and pass %s down",
				name, via, f.layer.describe(), f.e.Note, ctx)
		default:
			msg = fmt.Sprintf("%s does I/O that cannot be cancelled%s: when the client goes away or times out, the work goes on and holds its connection or process; pass %s down and use %s",
				name, via, ctx, f.e.Note)
		}
	case effects.Detached:
		switch {
		case f.e.Attrs&effects.Deadline != 0 && f.e.Direct():
			msg = fmt.Sprintf("%s runs under a deadline set on %s, detached from the request: the work ends by its deadline, but is not cancelled when the client goes away; set the deadline on %s instead",
				name, f.e.Note, ctx)
			fix = f.detachedFix()
		case f.e.Attrs&effects.Deadline != 0:
			msg = fmt.Sprintf("%s does I/O under a deadline set on %s%s, detached from the request: the work ends by its deadline, but is not cancelled when the client goes away; pass %s down and set the deadline on it",
				name, f.e.Note, via, ctx)
		case f.e.Direct():
			msg = fmt.Sprintf("%s runs under %s, detached from the request: when the client goes away, the work goes on; use %s (or context.WithoutCancel(%s) for work that must outlive the request)",
				name, f.e.Note, ctx, ctx)
			fix = f.detachedFix()
		default:
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
	root, also := f.root()
	out := report.Finding{Pos: f.call.Pos(), End: f.call.End(), Message: msg, Severity: f.severity(), Root: root, Also: also}
	if f.e.Kind == effects.NoContext && f.e.Direct() {
		out.Peers = knowledge.PeerRules["call without context"] // noctx says it of the same call
	}
	if fix != nil {
		out.Fixes = []analysis.SuggestedFix{*fix}
	}
	return out
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

// chosenContext reports whether a call is given a context its handler
// chose to outlive the request: context.WithoutCancel(…), or one that a
// function returns without being given anything
// (graceful.GetManager().HammerContext(), srv.BaseContext()): the
// process's or the server's context, which cannot come from the request.
// context.Background() and TODO(), which a handler may write without
// thinking, are reported as detached, not taken for a choice.
func chosenContext(pass *analysis.Pass, fx *effects.Result, call *ast.CallExpr) bool {
	for _, a := range call.Args {
		if knowledge.TypeName(pass.TypesInfo.TypeOf(a)) != knowledge.ContextType {
			continue
		}
		c, ok := ast.Unparen(a).(*ast.CallExpr)
		if !ok {
			return false
		}
		fn, _ := typeutil.Callee(pass.TypesInfo, c).(*types.Func)
		if fn == nil {
			return false
		}
		switch name := knowledge.FuncName(fn); {
		case knowledge.DeliberateDetachers[name]:
			return true
		case fx.DetachedContext(call) != nil, knowledge.ContextDerivers[name]:
			return false
		}
		return givenNothing(pass.TypesInfo, c, 0)
	}
	return false
}

// givenNothing reports whether an expression is computed from the
// package-level state of the program alone: package-level variables and
// calls without arguments on them. r.Context() is given the request.
func givenNothing(info *types.Info, e ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		switch obj := info.Uses[e].(type) {
		case *types.PkgName:
			return true
		case *types.Var:
			return obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope()
		case *types.Func:
			return obj.Signature().Recv() == nil
		}
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok && sel.Kind() == types.MethodExpr {
			return false
		}
		return givenNothing(info, e.X, depth+1)
	case *ast.CallExpr:
		return len(e.Args) == 0 && givenNothing(info, e.Fun, depth+1)
	}
	return false
}
