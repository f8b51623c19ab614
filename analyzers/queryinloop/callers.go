package queryinloop

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// What a loop costs may depend on who calls its function: a function
// that only a cron task, a doctor check, a command or the program's
// start-up calls is maintenance, whatever its own name; a loop over a parameter that every
// caller fills with what the client sent (the assignees of a new issue,
// handed from the handler to a service and on to the model) walks the
// handful a user selected. A package cannot see its callers, which
// import it; crisislint's engine gives the packages that ask the whole
// program's facts in a second round. So:
//
//   - a function with a loop whose finding depends on its callers is
//     marked with a callersFact, and so, up to maxCallerDepth, are the
//     callers that hand it on (a use outside one-off code, or a
//     parameter of their own);
//   - every package lists, in a usesFact, its uses of the marked
//     functions: in one-off code or not, as a value (callers unknown) or
//     called, and what each call hands the parameters the callee asked
//     about;
//   - the package of the loop reads every package's usesFact
//     (AllPackageFacts) and decides; a wantsCallersFact names the
//     functions it asked about, so that the engine analyzes it again
//     only when some package it does not import uses one of them.
//
// Under a driver without the second round (go vet, analysistest), the
// callers in other packages are unseen and the finding stays.

// maxCallerDepth bounds how many callers up a chain is followed.
const maxCallerDepth = 4

// callersFact marks a function of the program whose loops' findings
// depend on its callers.
type callersFact struct {
	Depth  int      // how many calls away the loop is: 0 in the function itself
	Params []string // the parameters whose items a loop walks: "2", or "1.Reviewers" for a field
}

func (*callersFact) AFact() {}

func (f *callersFact) String() string {
	return "callers wanted (depth " + strconv.Itoa(f.Depth) + ") for " + strings.Join(f.Params, ", ")
}

// usesFact lists a package's uses of the functions marked with a
// callersFact, its own included.
type usesFact struct {
	Uses []use
}

func (*usesFact) AFact() {}

func (f *usesFact) String() string { return strconv.Itoa(len(f.Uses)) + " uses" }

// A use is one place a marked function is named.
type use struct {
	Func   string // the function used (its full name)
	Caller string // the top-level function the use is in; "" at package level
	OneOff bool   // the use is in a command or in maintenance code
	Value  bool   // the function is taken as a value: who calls it is unknown
	Feeds  []feed // for a call: what it hands the parameters asked about
}

// A feed is what a call hands one parameter (or one field of it).
type feed struct {
	Param   string // "2" or "1.Reviewers"
	Request bool   // what the client sent
	Few     bool   // nothing, or a few items written in the code
	From    string // a parameter of the caller's, handed on: "0" or "0.IDs"
}

// wantsCallersFact names the functions of a package whose callers its
// analysis asked about: a use of one of them in a package it does not
// import may change its findings (the engine's wanter).
type wantsCallersFact struct {
	Funcs []string // sorted
}

func (*wantsCallersFact) AFact() {}

func (f *wantsCallersFact) String() string {
	return "wants the callers of " + strings.Join(f.Funcs, ", ")
}

// Wants reports whether another package's fact lists a use of one of the
// functions.
func (f *wantsCallersFact) Wants(other analysis.Fact) bool {
	uf, ok := other.(*usesFact)
	if !ok {
		return false
	}
	return slices.ContainsFunc(uf.Uses, func(u use) bool {
		_, found := slices.BinarySearch(f.Funcs, u.Func)
		return found
	})
}

// want marks a function of the package as one whose callers matter, for
// one parameter ("" for none: its callers' being one-off code).
func (c *checker) want(fn *types.Func, depth int, param string, others bool) {
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg || !c.named(fn) || depth > maxCallerDepth {
		return
	}
	// A handler is called by its router: the request's own code.
	if fd := c.decls[fn]; fd == nil || c.rp.Of(fd) != nil {
		return
	}
	f := c.wanted[fn]
	if f == nil {
		f = &callersFact{Depth: depth}
		c.wanted[fn] = f
		c.grew = true
	}
	if depth < f.Depth {
		f.Depth, c.grew = depth, true
	}
	if others && !c.forOthers[fn] {
		c.forOthers[fn], c.grew = true, true
	}
	if param != "" && !slices.Contains(f.Params, param) {
		f.Params = append(f.Params, param)
		slices.Sort(f.Params)
		c.grew = true
	}
}

// named reports whether every call of a function of the package names
// it, so that its uses tell all its callers: a function, or an unexported
// method that no interface of the package declares. A method may be
// called through an interface, where no use names it; an unexported one
// only through an interface of its own package, since no other package
// can name it.
func (c *checker) named(fn *types.Func) bool {
	if fn.Signature().Recv() == nil {
		return true
	}
	if fn.Exported() {
		return false
	}
	if c.ifaceMethods == nil {
		c.ifaceMethods = make(map[string]bool)
		for _, tv := range c.pass.TypesInfo.Types {
			if tv.Type == nil {
				continue
			}
			if it, ok := tv.Type.Underlying().(*types.Interface); ok {
				for m := range it.Methods() {
					if !m.Exported() {
						c.ifaceMethods[m.Name()] = true
					}
				}
			}
		}
	}
	return !c.ifaceMethods[fn.Name()]
}

// wantedFact returns the callersFact of a function, of this package or
// another of the program's, or nil.
func (c *checker) wantedFact(fn *types.Func) *callersFact {
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.wanted[fn]
	}
	if fn.Pkg() == nil || !c.ownModule(fn.Pkg().Path()) {
		return nil
	}
	var f callersFact
	if c.pass.ImportObjectFact(fn, &f) {
		return &f
	}
	return nil
}

// recordUses lists the package's uses of the marked functions, marking
// in turn, up to maxCallerDepth, the functions of the package that use
// them outside one-off code or hand them a parameter of their own; then
// exports the facts.
func (c *checker) recordUses() {
	type site struct {
		fn     *types.Func
		call   *ast.CallExpr // nil for a use as a value
		runs   bool          // a value handed to a function that calls it (see runsArg)
		caller *ast.FuncDecl
		cur    inspector.Cursor
		oneOff int // 0 not yet known, 1 no, 2 yes: known when fn is wanted
	}
	var sites []*site
	for cur := range c.in.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, ok := c.pass.TypesInfo.Uses[id].(*types.Func)
		// Only the methods of this package can be wanted (see want and
		// named).
		if !ok || fn.Pkg() == nil || !c.ownModule(fn.Pkg().Path()) || report.IsTestCode(c.pass, id.Pos()) ||
			fn.Signature().Recv() != nil && (fn.Pkg() != c.pass.Pkg || !c.named(fn.Origin())) {
			continue
		}
		s := &site{fn: fn.Origin(), cur: cur}
		for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			s.caller = fd.Node().(*ast.FuncDecl)
			break
		}
		// f(...), pkg.F(...), x.M(...), f[T](...) call it; anything else
		// takes it as a value.
		var fun ast.Node = id
		p := cur.Parent()
		for {
			switch n := p.Node().(type) {
			case *ast.SelectorExpr:
				if n.Sel == fun {
					fun, p = n, p.Parent()
					continue
				}
			case *ast.IndexExpr:
				if n.X == fun {
					fun, p = n, p.Parent()
					continue
				}
			case *ast.IndexListExpr:
				if n.X == fun {
					fun, p = n, p.Parent()
					continue
				}
			case *ast.ParenExpr:
				fun, p = n, p.Parent()
				continue
			}
			break
		}
		if call, ok := p.Node().(*ast.CallExpr); ok {
			if call.Fun == fun {
				s.call = call
			} else {
				s.runs = c.runsArg(call, fun)
			}
		}
		sites = append(sites, s)
	}
	var uses []use
	var shared []use // those others need
	for c.grew = true; c.grew; {
		c.grew = false
		uses, shared = uses[:0], shared[:0]
		for _, s := range sites {
			f := c.wantedFact(s.fn)
			if f == nil {
				continue
			}
			if s.oneOff == 0 {
				s.oneOff = 1
				if c.commandOrMaintenance(s.cur) || (s.call != nil || s.runs) && startup(s.cur) {
					s.oneOff = 2
				}
			}
			// Others need the uses of their functions, and of those of
			// this package that hand them on; this one, of all.
			others := s.fn.Pkg() != c.pass.Pkg || c.forOthers[s.fn]
			u := use{Func: knowledge.FuncName(s.fn), OneOff: s.oneOff == 2, Value: s.call == nil && !s.runs}
			var caller *types.Func
			if s.caller != nil {
				caller, _ = c.pass.TypesInfo.Defs[s.caller.Name].(*types.Func)
			}
			if caller != nil {
				u.Caller = knowledge.FuncName(caller)
				if s.oneOff == 1 {
					c.want(caller, f.Depth+1, "", others)
				}
			}
			if s.call != nil {
				for _, p := range f.Params {
					fd := c.feedOf(s.call, s.fn, p, s.caller)
					if fd.From != "" && caller != nil {
						c.want(caller, f.Depth+1, fd.From, others)
					}
					u.Feeds = append(u.Feeds, fd)
				}
			}
			uses = append(uses, u)
			if others {
				shared = append(shared, u)
			}
		}
	}
	c.local = uses
	var names []string
	for fn, f := range c.wanted {
		if fn.Exported() {
			c.pass.ExportObjectFact(fn, f)
			names = append(names, knowledge.FuncName(fn))
		}
	}
	if len(shared) > 0 {
		c.pass.ExportPackageFact(&usesFact{Uses: shared})
	}
	if len(names) > 0 {
		slices.Sort(names)
		c.pass.ExportPackageFact(&wantsCallersFact{Funcs: names})
	}
}

// runsArg reports whether a call hands arg, a function, to a function
// of the package that only ever calls that parameter (naming it, at
// most, on an error path), as gitea's mustInitCtx(ctx, authmodel.Init)
// runs each start-up step: the step runs where the call is, as if called
// there.
func (c *checker) runsArg(call *ast.CallExpr, arg ast.Node) bool {
	i := slices.IndexFunc(call.Args, func(a ast.Expr) bool { return a == arg })
	callee, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if i < 0 || !ok || callee.Pkg() != c.pass.Pkg || callee.Signature().Variadic() && i >= callee.Signature().Params().Len()-1 {
		return false
	}
	fd := c.decls[callee.Origin()]
	if fd == nil || fd.Body == nil {
		return false
	}
	param := callee.Origin().Signature().Params().At(i)
	called, other := 0, false
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			if c.fx.TestsError(n.Cond) {
				// if err != nil { log.Fatal(name(fn), err) }: named for
				// the message of a failed step, not kept.
				for _, part := range []ast.Node{n.Init, n.Cond, n.Else} {
					if part != nil {
						ast.Inspect(part, visit)
					}
				}
				return false
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == param {
				called++
				for _, a := range n.Args {
					ast.Inspect(a, visit)
				}
				return false
			}
		case *ast.Ident:
			if c.pass.TypesInfo.Uses[n] == param {
				other = true // stored, handed on, or inspected: not only run
			}
		}
		return !other
	}
	ast.Inspect(fd.Body, visit)
	return called > 0 && !other
}

// startup reports whether the code at cur runs once, as the program
// starts: in a package's init function or a package-level variable's
// initializer, outside any function literal (which runs when it is
// called: a handler registered there runs per request).
func startup(cur inspector.Cursor) bool {
	for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.FuncLit:
			return false
		case *ast.FuncDecl:
			return n.Recv == nil && n.Name.Name == "init"
		case *ast.GenDecl:
			_, file := p.Parent().Node().(*ast.File)
			return file // var x = load() at package level, not in a function
		}
	}
	return false
}

// feedOf says what a call of fn hands its parameter p ("2", "1.Reviewers").
func (c *checker) feedOf(call *ast.CallExpr, fn *types.Func, p string, caller *ast.FuncDecl) feed {
	out := feed{Param: p}
	idx, field, _ := strings.Cut(p, ".")
	i, err := strconv.Atoi(idx)
	if err != nil {
		return out
	}
	if sig := fn.Signature(); sig.Variadic() && i == sig.Params().Len()-1 && !call.Ellipsis.IsValid() {
		// invalidate(ctx, id): the items listed are the slice.
		out.Few = field == "" && len(call.Args)-i <= smallLoop
		return out
	}
	if i >= len(call.Args) {
		return out
	}
	arg := call.Args[i] // a slice spread into a variadic parameter is the parameter
	if field != "" {
		if lit, added := c.structLiteral(arg, field, caller); lit != nil {
			// &Options{Reviewers: reviewers}: the field's value, or nothing.
			for _, elt := range lit.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok && types.ExprString(kv.Key) == field {
					if added > 0 {
						// Properties: map[string]string{...} and then
						// a few more constant keys (gitea's conan).
						m, ok := ast.Unparen(kv.Value).(*ast.CompositeLit)
						_, isMap := c.pass.TypesInfo.TypeOf(kv.Value).Underlying().(*types.Map)
						out.Few = ok && isMap && len(m.Elts)+added <= smallLoop
						return out
					}
					return c.classify(kv.Value, "", out, caller)
				}
			}
			out.Few = added == 0
			return out
		}
	}
	return c.classify(arg, field, out, caller)
}

// structLiteral returns the composite literal a call's argument is, in
// place (&Options{...}) or in a local variable the caller makes with one
// (opts := &Options{...}) and then only reads fields of, never setting
// field or handing the variable itself to another call: what the
// literal says of field is what the call gets. The one write to field
// allowed is of an entry of the map it holds under a constant key, at
// most once per call (opts.Properties["k"] = x, outside any loop):
// added counts them, each one more key at most.
func (c *checker) structLiteral(arg ast.Expr, field string, caller *ast.FuncDecl) (lit *ast.CompositeLit, added int) {
	if lit, ok := ast.Unparen(unaddr(arg)).(*ast.CompositeLit); ok {
		return lit, 0
	}
	id, ok := ast.Unparen(unaddr(arg)).(*ast.Ident)
	if !ok || caller == nil {
		return nil, 0
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Pos() < caller.Body.Pos() || caller.Body.End() <= v.Pos() {
		return nil, 0 // not a local variable of the caller's
	}
	ws := c.fx.Index().Writes(v)
	if len(ws) != 1 || ws[0].RHS == nil {
		return nil, 0
	}
	lit, ok = ast.Unparen(unaddr(ws[0].RHS)).(*ast.CompositeLit)
	if !ok {
		return nil, 0
	}
	// field["k"] = x: the selector of v's field the write indexes.
	keyed := func(lhs ast.Expr) *ast.SelectorExpr {
		ix, ok := ast.Unparen(lhs).(*ast.IndexExpr)
		if !ok || c.pass.TypesInfo.Types[ix.Index].Value == nil {
			return nil
		}
		sel, ok := ast.Unparen(ix.X).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != field {
			return nil
		}
		if x, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || c.pass.TypesInfo.Uses[x] != v {
			return nil
		}
		if _, ok := c.pass.TypesInfo.TypeOf(sel).Underlying().(*types.Map); !ok {
			return nil
		}
		return sel
	}
	allowed := make(map[*ast.SelectorExpr]bool)
	// Every other use of v reads a field other than field.
	fine := true
	ast.Inspect(caller.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.ASSIGN {
				break
			}
			for _, lhs := range n.Lhs {
				if sel := keyed(lhs); sel != nil {
					if !c.once(caller, n.Pos()) {
						fine = false
					}
					allowed[sel] = true
					added++
				}
			}
		case *ast.SelectorExpr:
			if x, ok := ast.Unparen(n.X).(*ast.Ident); ok && c.pass.TypesInfo.Uses[x] == v {
				fine = fine && (n.Sel.Name != field || allowed[n])
				return false
			}
		case *ast.Ident:
			if c.pass.TypesInfo.Uses[n] == v && n != id {
				fine = false
			}
		}
		return fine
	})
	if !fine {
		return nil, 0
	}
	return lit, added
}

// classify fills a feed with what an expression (or its field) holds.
func (c *checker) classify(e ast.Expr, field string, out feed, caller *ast.FuncDecl) feed {
	if lit := c.literal(unaddr(e)); lit != nil && field == "" && len(lit.Elts) <= smallLoop {
		out.Few = true // []*Badge{badge}
		return out
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok && id.Name == "nil" {
		out.Few = true
		return out
	}
	if field == "" && c.fewValue(unaddr(e), 0) {
		out.Few = true // codes, from common.GenerateBackupCodes()
		return out
	}
	if c.fromRequest(e, 0) {
		out.Request = true
		return out
	}
	// A parameter of the caller's, or a field of one, handed on.
	x, sub := ast.Unparen(e), ""
	if sel, ok := x.(*ast.SelectorExpr); ok {
		x, sub = ast.Unparen(sel.X), sel.Sel.Name
	}
	if star, ok := x.(*ast.StarExpr); ok {
		x = ast.Unparen(star.X)
	}
	id, ok := x.(*ast.Ident)
	if !ok || caller == nil {
		return out
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || c.fx.Index().Owner(v) != caller {
		return out
	}
	if k, ok := c.fx.Index().Param(v); ok && k >= 0 && (sub == "" || field == "") {
		out.From = strconv.Itoa(k)
		if f := sub + field; f != "" {
			out.From += "." + f
		}
	}
	return out
}

func unaddr(e ast.Expr) ast.Expr {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op.String() == "&" {
		return u.X
	}
	return e
}

// loadUses reads every package's usesFact, once: in the engine's second
// round, those of the whole program.
func (c *checker) loadUses() {
	if c.uses != nil {
		return
	}
	c.uses = make(map[string][]use)
	c.memo = make(map[string]bool)
	for _, u := range c.local {
		c.uses[u.Func] = append(c.uses[u.Func], u)
	}
	if !slices.ContainsFunc(slices.Collect(maps.Keys(c.wanted)), (*types.Func).Exported) {
		return // only this package can use its functions
	}
	for _, pf := range c.pass.AllPackageFacts() {
		f, ok := pf.Fact.(*usesFact)
		if !ok || pf.Package.Path() == c.pass.Pkg.Path() || !c.ownModule(pf.Package.Path()) {
			continue
		}
		for _, u := range f.Uses {
			c.uses[u.Func] = append(c.uses[u.Func], u)
		}
	}
}

// oneOffCallers reports whether every use of a function is in a command
// or in maintenance code, or in a function of which that holds.
func (c *checker) oneOffCallers(name string, depth int) bool {
	if c.uses == nil || depth > maxCallerDepth {
		return false
	}
	key := "oneoff " + name
	if r, ok := c.memo[key]; ok {
		return r
	}
	c.memo[key] = false // a cycle proves nothing
	uses := c.uses[name]
	r := len(uses) > 0
	for _, u := range uses {
		if !u.OneOff && (u.Value || u.Caller == "" || !c.oneOffCallers(u.Caller, depth+1)) {
			r = false
			break
		}
	}
	c.memo[key] = r
	return r
}

// fedByRequest reports whether every call of a function hands parameter
// p (or its field) what the client sent, nothing, or a few items written
// in the code, directly or through parameters of the callers', and at
// least one hands the client's.
func (c *checker) fedByRequest(name, p string, depth int) bool {
	return c.everyFeed("request", name, p, depth, true, func(f feed) (ok, counts bool) {
		return f.Request || f.Few, f.Request
	})
}

// everyFeed reports whether every use of a function hands parameter p
// what judge accepts, directly or through a parameter of the caller's
// that every use of the caller fills so in turn; with needSome, at least
// one use must be one judge counts. The answers are memoized under kind.
func (c *checker) everyFeed(kind, name, p string, depth int, needSome bool, judge func(feed) (ok, counts bool)) bool {
	if c.uses == nil || depth > maxCallerDepth {
		return false
	}
	key := kind + " " + name + " " + p
	if r, ok := c.memo[key]; ok {
		return r
	}
	c.memo[key] = false // a cycle proves nothing
	uses := c.uses[name]
	r, some := len(uses) > 0, false
	for _, u := range uses {
		i := slices.IndexFunc(u.Feeds, func(f feed) bool { return f.Param == p })
		if u.Value || i < 0 {
			r = false
			break
		}
		f := u.Feeds[i]
		ok, counts := judge(f)
		if !ok && f.From != "" && c.everyFeed(kind, u.Caller, f.From, depth+1, needSome, judge) {
			ok, counts = true, true
		}
		if !ok {
			r = false
			break
		}
		some = some || counts
	}
	r = r && (some || !needSome)
	c.memo[key] = r
	return r
}

// paramFedByCallers reports whether parameter v of a function declared
// here (or its field) holds what the client sent at every call in the
// program; asked before the callers are known, it marks the function.
func (c *checker) paramFedByCallers(v *types.Var, field string) bool {
	return c.askCallers(v, field, func(name, p string) bool { return c.fedByRequest(name, p, 0) })
}

// askCallers asks a question (fedByRequest, fedFew) of what every call
// in the program hands parameter v of a function declared here, or its
// field; asked before the callers are known, it marks the function and
// says no.
func (c *checker) askCallers(v *types.Var, field string, ask func(name, p string) bool) bool {
	k, ok := c.fx.Index().Param(v)
	if !ok || k < 0 {
		return false
	}
	fd, ok := c.fx.Index().Owner(v).(*ast.FuncDecl)
	if !ok {
		return false
	}
	fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	p := strconv.Itoa(k)
	if field != "" {
		p += "." + field
	}
	if c.uses == nil {
		c.want(fn, 0, p, false)
		return false
	}
	return ask(knowledge.FuncName(fn), p)
}
