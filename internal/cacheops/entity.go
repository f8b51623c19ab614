package cacheops

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/types/typeutil"
)

// An entity is what rows of a table are, named as both the table and the
// Go type that holds a row name it: the table users and the type User are
// the entity "user", user_profiles and UserProfile "userprofile".

// Entity returns the entity a table or type name names.
func Entity(name string) string {
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:] // a schema: public.users
	}
	var b strings.Builder
	for _, c := range strings.ToLower(name) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			b.WriteRune(c)
		}
	}
	s := b.String()
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "xes"), strings.HasSuffix(s, "ches"), strings.HasSuffix(s, "shes"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && len(s) > 2:
		return s[:len(s)-1]
	}
	return s
}

// entityOfType returns the entity a Go type holds rows of: *User, []User
// and map[int]*User hold users; "" for a type that is no struct.
func entityOfType(t types.Type) string {
	for range 4 {
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Slice:
			t = u.Elem()
			continue
		case *types.Array:
			t = u.Elem()
			continue
		case *types.Map:
			t = u.Elem()
			continue
		case *types.Named:
			if _, ok := u.Underlying().(*types.Struct); ok {
				return Entity(u.Obj().Name())
			}
		}
		return ""
	}
	return ""
}

var (
	fromTable   = regexp.MustCompile(`(?is)\bfrom\s+((?:"?\w+"?\.)?"?\w+"?)`)
	updateTable = regexp.MustCompile(`(?is)^\s*(?:with\b.*?\)\s*)?update\s+(?:only\s+)?((?:"?\w+"?\.)?"?\w+"?)`)
	aggregate   = regexp.MustCompile(`(?is)^\s*select\s+(?:count|sum|avg|min|max)\s*\(`)
	deleteTable = regexp.MustCompile(`(?is)^\s*(?:with\b.*?\)\s*)?delete\s+from\s+(?:only\s+)?((?:"?\w+"?\.)?"?\w+"?)`)
)

// sqlText returns the SQL a query expression sends, with "?" for what
// varies.
func (r *Result) sqlText(query ast.Expr) string {
	var b strings.Builder
	for _, p := range r.ev.Eval(query) {
		if p.Kind == strexpr.Const {
			b.WriteString(p.Text)
		} else {
			b.WriteString("?")
		}
	}
	return b.String()
}

func tableIn(re *regexp.Regexp, sql string) string {
	m := re.FindStringSubmatch(sql)
	if m == nil {
		return ""
	}
	return Entity(strings.ReplaceAll(m[1], `"`, ""))
}

// queryOf returns the SQL text argument of a call that sends SQL, looking
// through the calls it is made on (db.QueryRow(q, id).Scan(&u.Name)) and
// a variable holding their result (rows, _ := db.Query(q); rows.Scan(...)).
func (r *Result) queryOf(call *ast.CallExpr, depth int) ast.Expr {
	if depth > 3 {
		return nil
	}
	if fn, ok := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func); ok {
		s, ok := knowledge.LookupSQLSink(fn)
		if !ok {
			s, ok = knowledge.LookupInterfaceSQLSink(fn)
		}
		if ok && s.Query < len(call.Args) {
			return call.Args[s.Query]
		}
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	switch x := ast.Unparen(sel.X).(type) {
	case *ast.CallExpr:
		return r.queryOf(x, depth+1)
	case *ast.Ident:
		if v, ok := r.pass.TypesInfo.Uses[x].(*types.Var); ok && !v.IsField() {
			for _, w := range r.index.Writes(v) {
				if c, ok := ast.Unparen(w.RHS).(*ast.CallExpr); ok && w.RHS != nil {
					if q := r.queryOf(c, depth+1); q != nil {
						return q
					}
				}
			}
		}
	}
	return nil
}

// readEntity returns the entity a DB call reads: the table its SQL reads
// from, or else the type of what it fills.
func (r *Result) readEntity(call *ast.CallExpr, filled types.Type) string {
	if q := r.queryOf(call, 0); q != nil {
		sql := r.sqlText(q)
		if aggregate.MatchString(sql) {
			return "" // a count or a sum is no row: updating one row rarely changes it
		}
		if e := tableIn(fromTable, sql); e != "" {
			return e
		}
	}
	if filled != nil {
		return entityOfType(filled)
	}
	return ""
}

// isDB reports whether a call makes a DB round trip, itself or inside.
func (r *Result) isDB(call *ast.CallExpr) bool {
	s := r.fx.Call(call)
	return s.Has(effects.DB)
}

// loadIn returns a call in e (outside function literals) that loads.
func (r *Result) loadIn(e ast.Expr, loads func(*ast.CallExpr) bool) *ast.CallExpr {
	var found *ast.CallExpr
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if found == nil && loads(n) {
				found = n
			}
		}
		return found == nil
	})
	return found
}

// remote reports whether a call loads from the database or another
// service, or runs a function the enclosing function was handed (a
// get-or-load's loader).
func (r *Result) remote(call *ast.CallExpr) bool {
	s := r.fx.Call(call)
	if s.Has(effects.DB) || s.Has(effects.Network) {
		return true
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if v, ok := r.pass.TypesInfo.Uses[id].(*types.Var); ok {
			_, isParam := r.index.Param(v)
			return isParam
		}
	}
	return false
}

// varsIn returns the local variables an expression reads, outside
// function literals.
func (r *Result) varsIn(e ast.Expr) []*types.Var {
	var out []*types.Var
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident:
			if v, ok := r.pass.TypesInfo.Uses[n].(*types.Var); ok && !v.IsField() && v.Parent() != r.pass.Pkg.Scope() && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
		return true
	})
	return out
}

// mentions reports whether e reads v.
func (r *Result) mentions(e ast.Expr, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && r.pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// fills reports whether a call's argument lets the callee write into v:
// &v, &v.Name, or v itself when it is a pointer, a slice or a map. A
// value passed by value (the id a query takes) is only read.
func (r *Result) fills(arg ast.Expr, v *types.Var) bool {
	arg = ast.Unparen(arg)
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return r.mentions(u.X, v)
	}
	if id, ok := arg.(*ast.Ident); ok && r.pass.TypesInfo.Uses[id] == v {
		switch v.Type().Underlying().(type) {
		case *types.Pointer, *types.Slice, *types.Map:
			return true
		}
	}
	return false
}

// filler returns a call of top, before pos, that fills v from the
// database: db.First(&u), row.Scan(&u.Name), rows.Scan(&u.ID).
func (r *Result) filler(top ast.Node, v *types.Var, pos token.Pos, loads func(*ast.CallExpr) bool) *ast.CallExpr {
	var found *ast.CallExpr
	ast.Inspect(top, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found != nil || call.Pos() >= pos {
			return found == nil
		}
		for _, a := range call.Args {
			if !r.fills(a, v) {
				continue
			}
			if loads(call) || r.queryOf(call, 0) != nil {
				found = call
			} else if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && r.loadIn(sel.X, loads) != nil {
				found = call
			}
			break
		}
		return found == nil
	})
	return found
}

// Loaded reports whether a value written to a cache before pos was loaded
// from the database in top: read by a DB call, filled by one, or made
// from such a value (json.Marshal(u)); and names the entity, when known.
func (r *Result) Loaded(top ast.Node, value ast.Expr, pos token.Pos) (entity string, ok bool) {
	return r.loaded(top, value, pos, r.isDB)
}

// LoadedRemote reports whether a value written to a cache before pos was
// loaded in top from the database, another service, or a loader the
// function was handed.
func (r *Result) LoadedRemote(top ast.Node, value ast.Expr, pos token.Pos) bool {
	_, ok := r.loaded(top, value, pos, r.remote)
	return ok
}

func (r *Result) loaded(top ast.Node, value ast.Expr, pos token.Pos, loads func(*ast.CallExpr) bool) (entity string, ok bool) {
	if value == nil {
		return "", false
	}
	seen := make(map[*types.Var]bool)
	var visit func(e ast.Expr, depth int) (string, bool)
	visit = func(e ast.Expr, depth int) (string, bool) {
		if c := r.loadIn(e, loads); c != nil {
			return r.readEntity(c, r.pass.TypesInfo.TypeOf(e)), true
		}
		for _, v := range r.varsIn(e) {
			if seen[v] {
				continue
			}
			seen[v] = true
			ws := r.index.Writes(v)
			for _, w := range ws {
				if w.RHS == nil || w.Pos >= pos {
					continue
				}
				if c := r.loadIn(w.RHS, loads); c != nil && w.Kind != strexpr.Range {
					return r.readEntity(c, v.Type()), true
				}
			}
			if c := r.filler(top, v, pos, loads); c != nil {
				return r.readEntity(c, v.Type()), true
			}
			if depth >= 3 {
				continue
			}
			for _, w := range ws {
				if w.RHS != nil && w.Pos < pos && w.Kind != strexpr.Range {
					if e, ok := visit(w.RHS, depth+1); ok {
						return e, true
					}
				}
			}
		}
		return "", false
	}
	return visit(value, 0)
}

// loaderEntity returns the entity a get-or-load's loader returns.
func (r *Result) loaderEntity(loader ast.Expr) string {
	if loader == nil {
		return ""
	}
	sig, ok := r.pass.TypesInfo.TypeOf(loader).Underlying().(*types.Signature)
	if !ok || sig.Results().Len() == 0 {
		return ""
	}
	if lit, ok := ast.Unparen(loader).(*ast.FuncLit); ok {
		if s := r.fx.Lit(lit); !s.Has(effects.DB) {
			return ""
		}
	}
	return entityOfType(sig.Results().At(0).Type())
}

// learnLinks learns which key shapes hold which entities in this
// package: a write of a value loaded from the database, a get-or-load
// whose loader returns rows. Those of the other packages come from their
// facts (allLinks).
func (r *Result) learnLinks() {
	for _, top := range r.tops {
		for _, op := range r.opsOf(top) {
			if op.Shape == "" || strings.Trim(op.Shape, "*") == "" {
				continue
			}
			var e string
			switch op.Kind {
			case Set:
				e, _ = r.Loaded(top, op.Value, op.Call.Pos())
			case Aside:
				e = r.loaderEntity(op.Loader)
			}
			if e != "" {
				r.own = append(r.own, Link{Shape: op.Shape, Entity: e, Switch: r.switchOf(top, op.Call)})
			}
		}
	}
	r.own = uniqueLinks(r.own)
}

// allLinks returns the links of this package and the others', asked for
// once: only a package that writes rows needs them, and asking for every
// package's facts costs a second round of the engine (see
// wantsLinksFact).
func (r *Result) allLinks() []Link {
	if r.links != nil {
		return r.links
	}
	r.pass.ExportPackageFact(new(wantsLinksFact))
	r.links = slices.Clone(r.own)
	for _, pf := range r.pass.AllPackageFacts() {
		if f, ok := pf.Fact.(*LinksFact); ok && pf.Package != r.pass.Pkg {
			r.links = append(r.links, f.Links...)
		}
	}
	r.links = uniqueLinks(r.links)
	if r.links == nil {
		r.links = []Link{}
	}
	return r.links
}

func uniqueLinks(links []Link) []Link {
	slices.SortFunc(links, func(a, b Link) int {
		if c := strings.Compare(a.Entity, b.Entity); c != 0 {
			return c
		}
		if c := strings.Compare(a.Shape, b.Shape); c != 0 {
			return c
		}
		return strings.Compare(a.Switch, b.Switch)
	})
	return slices.Compact(links)
}

// ShapesOf returns the key shapes that hold rows of an entity.
func (r *Result) ShapesOf(entity string) []string {
	var out []string
	for _, l := range r.allLinks() {
		if l.Entity == entity {
			out = append(out, l.Shape)
		}
	}
	slices.Sort(out)
	return slices.Compact(out) // one shape may be written with and without a switch
}

// SameShape reports whether two key shapes name the same keys, a prefix
// of varying parts aside (a wrapper's namespace).
func SameShape(a, b string) bool {
	a, b = strings.Trim(a, "*"), strings.Trim(b, "*")
	return a != "" && a == b
}

// ormWrites are the ORM methods that update or delete rows of the model
// they are given or called on; creating rows leaves no cached copy stale.
var ormWrites = map[string]bool{
	"Save": true, "Update": true, "Updates": true, "UpdateColumn": true, "UpdateColumns": true, "Delete": true,
}

// writtenEntity returns the entity whose rows a call updates or deletes
// itself: SQL UPDATE or DELETE, or an ORM's Save, Update(s), Delete.
func (r *Result) writtenEntity(call *ast.CallExpr) string {
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return ""
	}
	// A clause (gorm's Delete(&User{}, "id = ?", id) condition) names no
	// table: the ORM's own rule below finds it.
	if s, ok := knowledge.LookupSQLSink(fn); ok && !s.Fragment && s.Query < len(call.Args) {
		sql := r.sqlText(call.Args[s.Query])
		if e := tableIn(updateTable, sql); e != "" {
			if r.accounting(call, "", sql) {
				return "" // counters stepped on every use: see accounting
			}
			return e
		}
		return tableIn(deleteTable, sql)
	}
	if _, ok := knowledge.DBRoundTrip(fn); !ok || !ormWrites[fn.Name()] {
		return ""
	}
	if r.accounting(call, fn.Name(), "") {
		return ""
	}
	if !columnValue(fn) {
		for _, a := range call.Args {
			if e := entityOfType(r.pass.TypesInfo.TypeOf(a)); e != "" {
				return e
			}
		}
	}
	return r.modelOf(call)
}

// hookClears returns the key shapes that the model's hooks delete,
// overwrite or expire after an ORM write that runs them (gorm's
// AfterUpdate on the User saved).
func (r *Result) hookClears(call *ast.CallExpr) []string {
	fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	hooks := knowledge.ModelHooks[knowledge.FuncName(fn)]
	if len(hooks) == 0 {
		return nil
	}
	model := r.modelType(call)
	if model == nil {
		return nil
	}
	var out []string
	for _, name := range hooks {
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(model), true, model.Obj().Pkg(), name)
		hook, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		if decl := r.decls[hook.Origin()]; decl != nil {
			out = append(out, r.clearShapes(decl)...)
		} else if f := r.summaryOf(hook); f != nil {
			for _, o := range f.Ops {
				if clearing(o.Kind, o.IfAbsent) && o.Shape != "" {
					out = append(out, o.Shape)
				}
			}
		}
	}
	return out
}

// modelType returns the named struct type an ORM write writes: its
// argument's (Save(&u)), or its chain's model (db.Model(&u).Updates(...)).
func (r *Result) modelType(call *ast.CallExpr) *types.Named {
	named := func(t types.Type) *types.Named {
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok {
			return nil
		}
		if _, ok := n.Underlying().(*types.Struct); !ok {
			return nil
		}
		return n
	}
	for _, a := range call.Args {
		if n := named(r.pass.TypesInfo.TypeOf(a)); n != nil {
			return n
		}
	}
	for range 8 {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return nil
		}
		if isel, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr); ok && isel.Sel.Name == "Model" && len(inner.Args) > 0 {
			return named(r.pass.TypesInfo.TypeOf(inner.Args[0]))
		}
		call = inner
	}
	return nil
}

// columnValue reports whether an ORM's update takes a column and its
// value (gorm's Update("quota", gorm.Expr(...))): the value's type
// (clause.Expr) names no entity. xorm's Update(&user) takes the row.
func columnValue(fn *types.Func) bool {
	params := fn.Signature().Params()
	if params.Len() == 0 {
		return false
	}
	b, ok := params.At(0).Type().Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// modelOf returns the model of an ORM chain: db.Model(&User{}).Where(...)
// and db.Table("users") name users.
func (r *Result) modelOf(call *ast.CallExpr) string {
	for range 8 {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return ""
		}
		isel, ok := ast.Unparen(inner.Fun).(*ast.SelectorExpr)
		if ok && len(inner.Args) > 0 {
			switch isel.Sel.Name {
			case "Model":
				return entityOfType(r.pass.TypesInfo.TypeOf(inner.Args[0]))
			case "Table":
				if tv := r.pass.TypesInfo.Types[inner.Args[0]]; tv.Value != nil {
					return Entity(strings.Trim(tv.Value.ExactString(), `"`))
				}
			}
		}
		call = inner
	}
	return ""
}

// findWrites finds where each top function updates or deletes rows.
func (r *Result) findWrites() {
	for _, top := range r.tops {
		r.writesOf(top)
	}
}

// writesOf returns the writes of a top function, finding them once.
func (r *Result) writesOf(top ast.Node) []*Write {
	if ws, ok := r.writes[top]; ok || !r.fx.Has(effects.DB) {
		return ws
	}
	r.writes[top] = nil
	var out []*Write
	ast.Inspect(top, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || !r.isDB(call) {
			return true
		}
		if e := r.writtenEntity(call); e != "" {
			out = append(out, &Write{Entity: e, Call: call, Func: funcOf(top, call.Pos()), Clears: r.hookClears(call)})
			return true
		}
		fn, _ := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
		if fn == nil || fn.Pkg() == nil || knowledge.Described(fn.Pkg().Path()) {
			return true
		}
		var ents []string
		var clears []string
		if decl := r.decls[fn.Origin()]; decl != nil {
			ents = r.uncovered(fn.Origin())
			clears = r.clearShapes(decl)
		} else if m := interfaceCall(r.pass.TypesInfo, call); m != nil {
			// The package's implementations it may reach, but the
			// caller's own type's (a decorator wraps another one).
			for _, impl := range r.implementations(m, r.receiverOf(top)) {
				ents = append(ents, r.uncovered(impl)...)
				clears = append(clears, r.clearShapes(r.decls[impl])...)
			}
			ents = sortedUnique(ents)
		} else if f := r.summaryOf(fn); f != nil {
			ents = f.Writes
			if len(ents) > 0 {
				r.noteCall(call, fn.Origin())
			}
			for _, o := range f.Ops {
				if clearing(o.Kind, o.IfAbsent) && o.Shape != "" {
					clears = append(clears, o.Shape)
				}
			}
		}
		for _, e := range ents {
			out = append(out, &Write{Entity: e, Call: call, Via: callName(call), Clears: clears, Func: funcOf(top, call.Pos())})
		}
		return true
	})
	r.writes[top] = out
	return out
}

func clearing(k Kind, ifAbsent bool) bool {
	return k == Del || k == Expire || k == Set && !ifAbsent
}

// clearShapes returns the shapes of the keys a top function deletes,
// overwrites or expires.
func (r *Result) clearShapes(top ast.Node) []string {
	var out []string
	for _, op := range r.opsOf(top) {
		if clearing(op.Kind, op.IfAbsent) && op.Shape != "" {
			out = append(out, op.Shape)
		}
	}
	return out
}

// Covered reports whether top deletes, overwrites or expires a cached
// copy of the rows a write changes, after the write: itself, or inside
// the function the write goes through.
func (r *Result) Covered(top ast.Node, w *Write) bool {
	shapes := r.ShapesOf(w.Entity)
	if len(shapes) == 0 {
		return false
	}
	if r.cacheOff(top, w) {
		return true // nothing is cached where the write runs
	}
	matches := func(s string) bool {
		return slices.ContainsFunc(shapes, func(l string) bool { return SameShape(l, s) })
	}
	if slices.ContainsFunc(w.Clears, matches) {
		return true
	}
	for _, op := range r.opsOf(top) {
		if clearing(op.Kind, op.IfAbsent) && matches(op.Shape) && (op.Call.Pos() > w.Call.Pos() || r.deferred(op.Call)) {
			return true
		}
	}
	return false
}

func (r *Result) deferred(call *ast.CallExpr) bool {
	for _, d := range r.defers {
		if d.Pos() <= call.Pos() && call.End() <= d.End() {
			return true
		}
	}
	return false
}

// uncovered returns the entities a function of the package writes whose
// cached copies it leaves in place.
func (r *Result) uncovered(fn *types.Func) []string {
	if ents, ok := r.left[fn]; ok {
		return ents
	}
	decl := r.decls[fn]
	if decl == nil || r.busy[fn] {
		return nil
	}
	r.busy[fn] = true
	var ents []string
	for _, w := range r.writesOf(decl) {
		if !r.Covered(decl, w) {
			ents = append(ents, w.Entity)
		}
	}
	delete(r.busy, fn)
	ents = sortedUnique(ents)
	r.left[fn] = ents
	return ents
}

// leftWrites returns the entities a declaration leaves to its callers in
// other packages: those it writes without invalidating. Which of them the
// program caches is for the callers to learn: a cache in front of this
// package may be in a package it does not import.
func (r *Result) leftWrites(decl *ast.FuncDecl) []string {
	fn, _ := r.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if fn == nil {
		return nil
	}
	return r.uncovered(fn)
}
