package queryinloop

import (
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/types/typeutil"
)

// jobFact marks a function each call of which does work beyond the
// database, itself or through the functions it calls: it runs a process,
// writes files or builds an archive (What), or runs a transaction (Tx). A
// loop that hands each item to such work does a unit of work per item,
// which batching does not replace.
type jobFact struct {
	What     string // "runs a process", "writes files", ...; "" for none
	Tx       bool
	Notifies bool // it tells the program's listeners of a change (see announces)
}

func (*jobFact) AFact() {}

func (f *jobFact) String() string {
	var parts []string
	if f.What != "" {
		parts = append(parts, f.What)
	}
	if f.Tx {
		parts = append(parts, "runs a transaction")
	}
	if f.Notifies {
		parts = append(parts, "notifies")
	}
	return "job: " + strings.Join(parts, ", ")
}

// A job is what a function does beyond the database.
type job = jobFact

// changesSchema is the work of a function that sends DDL: a loop that
// calls it per table or view changes the schema per item, which no single
// statement replaces.
const changesSchema = "changes the schema"

func (j job) none() bool { return j.What == "" && !j.Tx && !j.Notifies }

// maxJobRounds bounds the propagation of jobs among the package's
// functions; a chain of helpers longer than that is not followed.
const maxJobRounds = 8

// findJobs finds the package's functions that are jobs, and exports the
// facts of those other packages can call.
func (c *checker) findJobs() {
	c.jobs = make(map[*types.Func]job)
	c.decls = make(map[*types.Func]*ast.FuncDecl)
	type decl struct {
		fn      *types.Func
		callees []*types.Func
	}
	var decls []decl
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			c.decls[fn] = fd
			var callees []*types.Func
			schema := false // it sends DDL itself
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if callee, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func); ok {
						if !slices.Contains(callees, callee) {
							callees = append(callees, callee)
						}
						schema = schema || c.ddl(call, callee)
					}
				}
				return true
			})
			if schema {
				c.jobs[fn] = job{What: changesSchema}
			}
			decls = append(decls, decl{fn, callees})
			if c.announces(fd) {
				j := c.jobs[fn]
				j.Notifies = true
				c.jobs[fn] = j
			}
		}
	}
	for range maxJobRounds {
		changed := false
		for _, d := range decls {
			j := c.jobs[d.fn]
			for _, callee := range d.callees {
				cj := c.jobOf(callee)
				if j.What == "" && cj.What != "" {
					j.What, changed = cj.What, true
				}
				if !j.Tx && cj.Tx {
					j.Tx, changed = true, true
				}
				if !j.Notifies && cj.Notifies {
					j.Notifies, changed = true, true
				}
			}
			if !j.none() {
				c.jobs[d.fn] = j
			}
		}
		clear(c.impls) // what they said may have grown this round
		if !changed {
			break
		}
	}
	for fn, j := range c.jobs {
		if fn.Exported() || fn.Signature().Recv() != nil {
			c.pass.ExportObjectFact(fn, &jobFact{What: j.What, Tx: j.Tx, Notifies: j.Notifies})
		}
	}
}

// jobOf says what work beyond the database a call of fn does.
func (c *checker) jobOf(fn *types.Func) job {
	name := knowledge.FuncName(fn)
	if knowledge.Transactions[name] {
		return job{Tx: true}
	}
	if what, ok := knowledge.OutsideWork[name]; ok {
		return job{What: what}
	}
	if knowledge.SchemaChanges[name] {
		return job{What: changesSchema}
	}
	fn = fn.Origin()
	if j, ok := c.jobs[fn]; ok {
		return j
	}
	// Only the program's own functions: a library that opens a file or
	// starts a process now and then (net/http parsing a multipart form
	// into temporary files) does not make its callers jobs.
	if fn.Pkg() != nil && fn.Pkg() != c.pass.Pkg && c.ownModule(fn.Pkg().Path()) {
		var f jobFact
		if c.pass.ImportObjectFact(fn, &f) {
			return f
		}
	}
	if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return c.implJob(fn)
	}
	return job{}
}

// implJob says what a call of an interface method does when every
// implementation of it, among the types of the interface's package and of
// this one (the program's own), does the same work: pocketbase's
// core.App, whose only implementation's DeleteView drops a view.
func (c *checker) implJob(m *types.Func) job {
	if j, ok := c.impls[m]; ok {
		return j
	}
	c.impls[m] = job{} // a cycle is no job
	var found job
	for i, t := range c.implementers(m) {
		impl, _, _ := types.LookupFieldOrMethod(t, true, m.Pkg(), m.Name())
		f, ok := impl.(*types.Func)
		if !ok {
			found = job{}
			break
		}
		j := c.jobOf(f)
		if i > 0 && found != j {
			found = job{}
			break
		}
		found = j
	}
	c.impls[m] = found
	return found
}

// implementers returns the types, of an interface method's package and of
// this one (the program's own), that implement its interface: T or *T.
// Once per interface: a big one (an App of 200 methods) is met often.
func (c *checker) implementers(m *types.Func) []types.Type {
	recv := m.Signature().Recv().Type()
	if ts, ok := c.implTypes[recv]; ok {
		return ts
	}
	iface, _ := recv.Underlying().(*types.Interface)
	var out []types.Type
	pkgs := []*types.Package{m.Pkg()}
	if c.pass.Pkg != m.Pkg() {
		pkgs = append(pkgs, c.pass.Pkg)
	}
	for _, pkg := range pkgs {
		if iface == nil || pkg == nil || !c.ownModule(pkg.Path()) {
			continue
		}
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() || types.IsInterface(tn.Type()) {
				continue
			}
			if t := tn.Type(); types.Implements(t, iface) {
				out = append(out, t)
			} else if pt := types.NewPointer(t); types.Implements(pt, iface) {
				out = append(out, pt)
			}
		}
	}
	c.implTypes[recv] = out
	return out
}

// unitOfWork says why each iteration of a loop is a unit of work of its
// own, which one query for all items would not replace, or "":
//
//   - the loop serves a queue: it walks the items of a batch handler,
//     func(items ...T) []T, each of which was queued as a job;
//   - an iteration starts a transaction, runs a process, writes files or
//     builds an archive itself;
//   - an iteration hands the item to a job, a function that does so
//     (db.WithTx, a repository's deletion, a mirror's sync) or that waits
//     on another service (a webhook's delivery, an email), and returns
//     nothing but an error.
func (c *checker) unitOfWork(loop ast.Stmt, fn ast.Node) string {
	if why, ok := c.units[loop]; ok {
		return why
	}
	why := ""
	if c.servesQueue(loop, fn) {
		why = "each item is a job of a queue"
	}
	ast.Inspect(loopBody(loop), func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || why != "" {
			return why == ""
		}
		callee, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
		if callee == nil {
			return true
		}
		name := knowledge.FuncName(callee)
		j := c.jobOf(callee)
		switch {
		case c.needsID(call, loop):
			why = "each iteration inserts a row whose new ID the rest of the iteration needs"
		case c.ddl(call, callee):
			why = "each iteration changes the schema, one statement per object"
		case knowledge.Transactions[name]:
			why = "each iteration runs a transaction"
		case knowledge.OutsideWork[name] != "":
			why = "each iteration " + knowledge.OutsideWork[name]
		case j.Tx && handsFunc(call):
			// db.WithTx(ctx, func(ctx) error { ... }): the iteration's work,
			// made atomic item by item. A helper that merely uses a
			// transaction inside (many wrap a single UPDATE in one) is not.
			why = "each iteration runs a transaction"
		case j.Notifies && c.always(loopBody(loop), call):
			// notify.IssueChangeAssignee(...) for each assignee: each
			// change is an event of its own, which every listener (mail,
			// webhooks, feeds, the UI's notifications) handles.
			why = "each iteration calls " + effects.Name(callee) + ", which notifies the program's listeners of the change"
		case !actionOnly(callee.Signature()):
		case j.What != "":
			why = "each iteration calls " + effects.Name(callee) + ", which " + j.What
		default:
			if set := c.fx.Call(call); set.Has(effects.Network) || set.Has(effects.Messaging) {
				why = "each iteration calls " + effects.Name(callee) + ", which waits on another service"
			}
		}
		return true
	})
	c.units[loop] = why
	return why
}

// always reports whether a call in a loop's body runs on every iteration:
// it is under no if, switch or select but a test of an error (a nested
// loop, per item of the item, is fine). A notice sent only for some
// items (the jobs a concurrency group cancels) leaves the rest of the
// iteration what it is.
func (c *checker) always(body *ast.BlockStmt, call *ast.CallExpr) bool {
	var stack []ast.Node
	ok := false
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if n == call {
			ok = true
			for i, p := range stack {
				switch p := p.(type) {
				case *ast.IfStmt:
					var child ast.Node = call
					if i+1 < len(stack) {
						child = stack[i+1]
					}
					if child != p.Init && child != p.Cond && !c.fx.TestsError(p.Cond) {
						ok = false
					}
				case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
					ok = false
				}
			}
			return false
		}
		stack = append(stack, n)
		return true
	})
	return ok
}

// announces reports whether a function tells the program's listeners of
// an event: it returns nothing, and ranges over a package-level slice or
// map of interface values (the registered notifiers, observers, hooks),
// calling on each a method that returns nothing either, as a statement:
//
//	func IssueChangeAssignee(ctx context.Context, ...) {
//		for _, notifier := range notifiers {
//			notifier.IssueChangeAssignee(ctx, ...)
//		}
//	}
//
// A renderer or a strategy chosen among plugins returns what it made: it
// is no notification. A call that leads to one is an action, whatever it
// returns itself.
func (c *checker) announces(fd *ast.FuncDecl) bool {
	info := c.pass.TypesInfo
	if fd.Type.Results != nil && len(fd.Type.Results.List) > 0 {
		return false
	}
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		rs, ok := n.(*ast.RangeStmt)
		if !ok || found {
			return !found
		}
		id, ok := ast.Unparen(rs.X).(*ast.Ident)
		if !ok || rs.Value == nil {
			return true
		}
		list, ok := info.Uses[id].(*types.Var)
		if !ok || list.Pkg() == nil || list.Parent() != list.Pkg().Scope() {
			return true // not package-level
		}
		elem := elemType(list.Type())
		if elem == nil || !types.IsInterface(elem) {
			return true
		}
		each := info.ObjectOf(identOf(rs.Value))
		for _, st := range rs.Body.List {
			es, ok := st.(*ast.ExprStmt)
			if !ok {
				continue
			}
			call, ok := ast.Unparen(es.X).(*ast.CallExpr)
			if !ok {
				continue
			}
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok || each == nil || info.Uses[identOf(sel.X)] != each {
				continue
			}
			if m, ok := info.Uses[sel.Sel].(*types.Func); ok && m.Signature().Results().Len() == 0 {
				found = true
			}
		}
		return !found
	})
	return found
}

// ddlWords start the statements that change a database's schema: one
// per table or sequence, which no single statement replaces.
var ddlWords = []string{"ALTER ", "CREATE ", "DROP ", "TRUNCATE ", "COMMENT ON ", "GRANT ", "REVOKE ", "REINDEX ", "VACUUM "}

// ddlStatements start DDL unmistakably, whatever function the text is
// handed to: a library the tables do not name (dbx's
// NewQuery("DROP VIEW ...").Execute()) says so in its SQL.
var ddlStatements = []string{
	"ALTER TABLE ", "CREATE TABLE ", "CREATE INDEX ", "CREATE UNIQUE INDEX ", "CREATE VIEW ",
	"CREATE TEMP ", "CREATE TEMPORARY ", "CREATE SCHEMA ", "CREATE SEQUENCE ", "DROP TABLE ",
	"DROP VIEW ", "DROP INDEX ", "DROP SCHEMA ", "DROP SEQUENCE ", "RENAME TABLE ", "TRUNCATE TABLE ",
}

// ddl reports whether a call sends SQL that changes the schema: a sink's
// SQL that starts with a DDL word, or, for any other call, a string
// argument that starts with a DDL statement. A function of a library the
// tables name as building DDL (knowledge.SchemaChanges: dbx's AddColumn,
// gorm's Migrator) does too.
func (c *checker) ddl(call *ast.CallExpr, fn *types.Func) bool {
	if knowledge.SchemaChanges[knowledge.FuncName(fn)] {
		return true
	}
	if sink, ok := knowledge.LookupSQLSink(fn); ok {
		return sink.Query < len(call.Args) && c.startsWith(call.Args[sink.Query], ddlWords)
	}
	return c.sendsSQL(call, ddlStatements)
}

// sendsSQL reports whether a string argument of a call starts with one of
// the words (in upper case), whatever function the text is handed to.
// Text written at the call (a constant, a concatenation, a Sprintf
// format) is read as written; text kept in a variable is followed only
// where the call reaches a database, since evaluating every argument of
// every call costs.
func (c *checker) sendsSQL(call *ast.CallExpr, words []string) bool {
	var db *bool // whether the call reaches a database, once asked
	for _, a := range call.Args {
		if t := c.pass.TypesInfo.TypeOf(a); t == nil || !isStringType(t) {
			continue
		}
		if lead, ok := leading(c.pass.TypesInfo, a); ok {
			if hasPrefix(lead, words) {
				return true
			}
			continue
		}
		if db == nil {
			set := c.fx.Call(call)
			has := set.Has(effects.DB)
			db = &has
		}
		if *db && c.startsWith(a, words) {
			return true
		}
	}
	return false
}

// leading returns the constant text a string expression starts with,
// when the expression says it without following a variable: a constant,
// a concatenation whose first operand is one, fmt.Sprintf with a constant
// format. ok is false when only evaluating it would tell.
func leading(info *types.Info, e ast.Expr) (string, bool) {
	e = ast.Unparen(e)
	if tv := info.Types[e]; tv.Value != nil {
		if tv.Value.Kind() == constant.String {
			return constant.StringVal(tv.Value), true
		}
		return "", true
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		return leading(info, e.X)
	case *ast.CallExpr:
		if fn, ok := typeutil.Callee(info, e).(*types.Func); ok && knowledge.FuncName(fn) == "fmt.Sprintf" && len(e.Args) > 0 {
			return leading(info, e.Args[0])
		}
		return "", true // another function's result: no text to read here
	}
	return "", false
}

// hasPrefix reports whether text starts with one of the words, in upper
// case.
func hasPrefix(text string, words []string) bool {
	text = strings.ToUpper(strings.TrimSpace(text))
	return slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(text, w) })
}

// startsWith reports whether the text of a string expression starts with
// a constant that starts with one of the words, in upper case.
func (c *checker) startsWith(e ast.Expr, words []string) bool {
	parts := c.ev.Eval(e)
	return len(parts) > 0 && parts[0].Kind == strexpr.Const && hasPrefix(parts[0].Text, words)
}

// bulkAction reports whether an iteration changes something: it writes
// rows or calls a job. Over the items a user selected (close these
// issues, request these reviewers), each iteration is then the action
// the user asked for, item by item.
func (c *checker) bulkAction(loop ast.Stmt) bool {
	found := false
	ast.Inspect(loopBody(loop), func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if callee, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func); ok && !c.jobOf(callee).none() {
			found = true
		} else if e := c.fx.Call(call)[effects.DB]; e != nil && knowledge.IsWrite(e.Cause()) {
			found = true
		}
		return !found
	})
	return found
}

func loopBody(loop ast.Stmt) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		return l.Body
	case *ast.ForStmt:
		return l.Body
	}
	return nil
}

// handsFunc reports whether a call hands a function literal to its
// callee: the work a transaction runner runs.
func handsFunc(call *ast.CallExpr) bool {
	return slices.ContainsFunc(call.Args, func(a ast.Expr) bool {
		_, ok := ast.Unparen(a).(*ast.FuncLit)
		return ok
	})
}

// actionOnly reports whether a function returns nothing but, at most, an
// error (of any type that is one: miniflux's *LocalizedErrorWrapper): it
// acts on what it is given rather than loading something.
func actionOnly(sig *types.Signature) bool {
	res := sig.Results()
	return res.Len() == 0 || res.Len() == 1 && types.Implements(res.At(0).Type(), errorType)
}

var errorType = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

// servesQueue reports whether the loop walks the items of a queue's batch
// handler: a function that takes them variadic and returns the ones it
// could not handle, func(items ...T) []T.
func (c *checker) servesQueue(loop ast.Stmt, fn ast.Node) bool {
	rs, ok := loop.(*ast.RangeStmt)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(rs.X).(*ast.Ident)
	if !ok {
		return false
	}
	var sig *types.Signature
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj, ok := c.pass.TypesInfo.Defs[fn.Name].(*types.Func); ok {
			sig = obj.Signature()
		}
	case *ast.FuncLit:
		sig, _ = c.pass.TypesInfo.TypeOf(fn).(*types.Signature)
	}
	if sig == nil || !sig.Variadic() || sig.Results().Len() != 1 {
		return false
	}
	items := sig.Params().At(sig.Params().Len() - 1)
	return c.pass.TypesInfo.Uses[id] == items && types.Identical(items.Type(), sig.Results().At(0).Type())
}

// ownModule reports whether a package belongs to the module of the
// package analyzed; without modules (GOPATH), whether it is not the
// standard library's.
func (c *checker) ownModule(path string) bool {
	if in, known := report.InModule(c.pass, path); known {
		return in
	}
	return !knowledge.Standard(path)
}
