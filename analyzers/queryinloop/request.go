package queryinloop

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/reqpath"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/types/typeutil"
)

// maxRequestDepth bounds how far a collection is followed back to the
// request.
const maxRequestDepth = 12

// fromRequest reports whether a collection holds what the client sent:
// the IDs, names or items of a form, a query string or a decoded body
// (ctx.FormInt64s("ids"), strings.Split(r.FormValue("ids"), ","),
// form.AssigneeIDs of a bound form, the issues a helper loads for the
// issue_ids of the request). The client decides how many there are;
// usually a handful the user selected.
func (c *checker) fromRequest(e ast.Expr, depth int) bool {
	if depth > maxRequestDepth {
		return false
	}
	info := c.pass.TypesInfo
	switch x := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		return c.fromRequest(x.X, depth+1)
	case *ast.StarExpr:
		return c.fromRequest(x.X, depth+1) // form := *web.GetForm(ctx).(*T)
	case *ast.SliceExpr:
		return c.fromRequest(x.X, depth+1)
	case *ast.TypeAssertExpr:
		// web.GetForm(ctx).(*forms.CreateIssueForm): the form bound from
		// the request.
		if call, ok := ast.Unparen(x.X).(*ast.CallExpr); ok {
			for _, a := range call.Args {
				if c.carrier(a) {
					return true
				}
			}
		}
		return c.fromRequest(x.X, depth+1)
	case *ast.SelectorExpr:
		// r.Form, r.URL: the request's own fields; form.IDs: a field of
		// what the client sent. The fields of a framework's context (the
		// signed-in user, the repository) are the server's, not the client's.
		if knowledge.TypeName(info.TypeOf(x.X)) == knowledge.RequestType {
			return true
		}
		if sel, ok := info.Selections[x]; ok && sel.Kind() == types.FieldVal {
			if c.carrier(x.X) {
				return false
			}
			// opts.Reviewers, a field of a parameter that every caller
			// fills with what the client sent.
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && c.paramFedByCallers(v, x.Sel.Name) {
					return true
				}
			}
			return c.fromRequest(x.X, depth+1)
		}
	case *ast.CallExpr:
		return c.callFromRequest(x, depth)
	case *ast.UnaryExpr:
		return x.Op == token.AND && c.fromRequest(x.X, depth+1) // &Badge{Slug: slug}
	case *ast.CompositeLit:
		// Badge{Slug: slug}, an item built from what the client sent.
		return slices.ContainsFunc(x.Elts, func(e ast.Expr) bool {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				e = kv.Value
			}
			return c.fromRequest(e, depth+1)
		})
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok {
			return false
		}
		if c.decodedInto(v) || c.rpcMessage(v) || c.paramFromRequest(v, depth) || c.paramFedByCallers(v, "") {
			return true
		}
		// A variable that may hold what the client sent: any of its
		// values, the items of a range over it, what is appended to it.
		for _, w := range c.fx.Index().Writes(v) {
			switch {
			case w.RHS == nil:
			case w.Kind == strexpr.Assign, w.Kind == strexpr.Range, w.Kind == strexpr.Elem,
				w.Kind == strexpr.Tuple && w.TupleIndex == 0: // ids, err := parseIDs(r)
				if c.fromRequest(w.RHS, depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// callFromRequest reports whether a call returns what the client sent: a
// request parameter's accessor (ctx.FormStrings("name"), c.QueryArray,
// r.URL.Query()); a string function of one (strings.Split(ids, ","));
// a function handed a collection the client sent (GetUsersByIDs(ctx,
// form.IDs)); or a function of this package handed the request that
// returns one (getActionIssues(ctx), which loads the issues of the
// request's issue_ids). A page number or a search term is not such a
// collection: what a query returns for it is rows.
func (c *checker) callFromRequest(call *ast.CallExpr, depth int) bool {
	info := c.pass.TypesInfo
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil {
		if tv := info.Types[call.Fun]; tv.IsType() && len(call.Args) == 1 {
			return c.fromRequest(call.Args[0], depth+1) // []int64(ids)
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && id.Name == "append" && len(call.Args) > 1 {
			if _, ok := info.Uses[id].(*types.Builtin); ok {
				return slices.ContainsFunc(call.Args[1:], func(a ast.Expr) bool { return c.fromRequest(a, depth+1) })
			}
		}
		return false
	}
	if knowledge.UserInputs[knowledge.FuncName(fn)] {
		return true
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn.Signature().Recv() != nil {
		if c.carrier(sel.X) || c.fromRequest(sel.X, depth+1) {
			return true
		}
	}
	pkg := ""
	if fn.Pkg() != nil {
		pkg = fn.Pkg().Path()
	}
	params := fn.Signature().Params()
	handed := false // the request itself, or a form decoded from it, is handed on
	for i, a := range call.Args {
		if params.Len() == 0 {
			break
		}
		p := params.At(min(i, params.Len()-1)).Type()
		at := info.TypeOf(a)
		switch {
		case c.carrier(a):
			// The request handed on: as a context.Context, it is what every
			// query takes; as itself, what the callee reads from it.
			handed = handed || !types.IsInterface(p) && c.rp.ReachesRequest(p)
		case fn.Pkg() == c.pass.Pkg && (isStruct(at) || isStringType(at)) && !c.carrier(a) && c.fromRequest(a, depth+1):
			// prepareBadges(*form), parseKeys(content): a helper that
			// turns the form, or a text the client sent, into the items
			// it names.
			handed = true
		case types.IsInterface(p) && !isCollection(at) && !isReader(at):
			// a value as any
		case stringFuncs[pkg] || isCollection(at) || isReader(at) || isReader(p):
			if c.fromRequest(a, depth+1) {
				return true
			}
		}
	}
	return handed && fn.Pkg() == c.pass.Pkg && c.returnsRequest(fn, depth+1)
}

// stringFuncs are the packages whose functions turn a request parameter
// into the items it lists: strings.Split(r.FormValue("ids"), ",").
var stringFuncs = map[string]bool{"strings": true, "bytes": true, "strconv": true, "slices": true}

// isReader reports whether t is an io.Reader: json.NewDecoder(r.Body)
// decodes what the client sent.
func isReader(t types.Type) bool {
	switch knowledge.TypeName(t) {
	case "io.Reader", "io.ReadCloser":
		return true
	}
	return false
}

func isCollection(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Slice, *types.Array, *types.Map:
		return true
	}
	return false
}

// returnsRequest reports whether a function of the package returns, first,
// what the client sent.
func (c *checker) returnsRequest(fn *types.Func, depth int) bool {
	fd := c.decls[fn]
	if fd == nil {
		return false
	}
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) > 0 && c.fromRequest(n.Results[0], depth) {
				found = true
			}
		}
		return !found
	})
	return found
}

// carrier reports whether e is the request, or a value that carries it: a
// handler's *http.Request, gin's *gin.Context, gitea's *context.Context.
func (c *checker) carrier(e ast.Expr) bool {
	t := c.pass.TypesInfo.TypeOf(e)
	return t != nil && !types.IsInterface(t) && c.rp.ReachesRequest(t)
}

// decodedInto reports whether the client's data is decoded into v: its
// address is handed to a method of the request or of what reads it,
// json.NewDecoder(r.Body).Decode(&v), c.ShouldBindJSON(&v).
func (c *checker) decodedInto(v *types.Var) bool {
	if decoded, ok := c.decoded[v]; ok {
		return decoded
	}
	c.decoded[v] = false // a cycle is not a decode
	found := false
	scope := v.Parent()
	file := report.File(c.pass, v.Pos())
	if scope == nil || file == nil {
		return false
	}
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil || found || n.End() < scope.Pos() || n.Pos() > scope.End() {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		for _, a := range call.Args {
			if u, ok := ast.Unparen(a).(*ast.UnaryExpr); ok && u.Op == token.AND {
				if id, ok := ast.Unparen(u.X).(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v &&
					(c.carrier(sel.X) || c.fromRequest(sel.X, 1)) {
					found = true
				}
			}
		}
		return true
	})
	c.decoded[v] = found
	return found
}

// paramFromRequest reports whether every caller in the package passes what
// the client sent to parameter v of an unexported function: a helper of
// the handlers, parseReviewersByNames(ctx, opts.Reviewers, ...). Other
// packages cannot call it, so its callers here are all.
func (c *checker) paramFromRequest(v *types.Var, depth int) bool {
	i, ok := c.fx.Index().Param(v)
	if !ok || i < 0 {
		return false
	}
	fd, ok := c.fx.Index().Owner(v).(*ast.FuncDecl)
	if !ok {
		return false
	}
	fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok || fn.Exported() {
		return false
	}
	calls := c.callsOf()[fn]
	if len(calls) == 0 {
		return false
	}
	for _, call := range calls {
		if i >= len(call.Args) || !c.fromRequest(call.Args[i], depth+1) {
			return false
		}
	}
	return true
}

// rpcMessage reports whether v is the message a client sent to a gRPC or
// Connect method: a parameter of the method other than its context
// (SetMemoRelations(ctx, request): request.Relations are the items the
// client names).
func (c *checker) rpcMessage(v *types.Var) bool {
	if i, ok := c.fx.Index().Param(v); !ok || i < 0 {
		return false // not a parameter, or the receiver
	}
	h := c.rp.Of(c.fx.Index().Owner(v))
	if h == nil || h.Kind != reqpath.RPC {
		return false
	}
	return knowledge.TypeName(v.Type()) != knowledge.ContextType
}

// callsOf returns the package's calls by callee, once.
func (c *checker) callsOf() map[*types.Func][]*ast.CallExpr {
	if c.calls != nil {
		return c.calls
	}
	c.calls = make(map[*types.Func][]*ast.CallExpr)
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func); ok && fn.Pkg() == c.pass.Pkg {
					c.calls[fn] = append(c.calls[fn], call)
				}
			}
			return true
		})
	}
	return c.calls
}
