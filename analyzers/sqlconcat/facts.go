package sqlconcat

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/returns"
	"github.com/crisislint/crisislint/internal/strexpr"
)

// sinkFact marks a function that passes its string parameter Query on to
// a database as SQL text, or splices its parameters Names into SQL as
// table or column names: a sink of its own, whose callers are checked.
type sinkFact struct {
	Query   int   // -1 when it passes no SQL text on
	Args    int   // the variadic parameter forwarded as placeholder values, or -1
	Names   []int // parameters spliced in as names
	Conds   []int // of Names, those spliced in where a condition goes
	Library string
	Dialect knowledge.Dialect
	Via     string // the call it passes the SQL to
}

func (*sinkFact) AFact() {}

func (f *sinkFact) String() string {
	var parts []string
	if f.Query >= 0 {
		parts = append(parts, fmt.Sprintf("parameter %d", f.Query))
	}
	if len(f.Names) > 0 {
		parts = append(parts, fmt.Sprintf("names %v", f.Names))
	}
	if len(f.Conds) > 0 {
		parts = append(parts, fmt.Sprintf("conditions %v", f.Conds))
	}
	return fmt.Sprintf("sql sink: %s to %s", strings.Join(parts, ", "), f.Via)
}

func (f *sinkFact) sink() sink {
	return sink{
		SQLSink: knowledge.SQLSink{Query: f.Query, Args: f.Args, Library: f.Library, Dialect: f.Dialect},
		names:   f.Names,
		conds:   f.Conds,
		via:     f.Via,
	}
}

// textFact describes the SQL text a helper function returns, as parts in
// which a parameter's value is referred to by its index: at a call, the
// arguments are put in their place. A helper that returns only safe text
// (placeholders, numbers) has one Safe part.
type textFact struct {
	Parts []factPart
}

type factPart struct {
	Kind   strexpr.Kind
	Text   string
	Param  int // the index of the parameter whose value this is, or -1
	Origin strexpr.Origin
	Why    string
}

func (*textFact) AFact() {}

func (f *textFact) String() string {
	var b strings.Builder
	b.WriteString("sql text: ")
	for _, p := range f.Parts {
		switch {
		case p.Param >= 0:
			fmt.Fprintf(&b, "{param %d}", p.Param)
		case p.Kind == strexpr.Const:
			fmt.Fprintf(&b, "%q", p.Text)
		case p.Kind == strexpr.Safe:
			b.WriteString("{safe}")
		default:
			fmt.Fprintf(&b, "{%s}", p.Why)
		}
	}
	return b.String()
}

// guardFact marks a validator: when the function succeeds (its last
// result is true, or a nil error), its string parameters Params hold one
// of a closed set of constants (validateSort(s) error checking s against
// an allowlist). A caller that rejects the value when it fails may splice
// it into SQL as a name.
type guardFact struct {
	Params []int
}

func (*guardFact) AFact() {}

func (f *guardFact) String() string { return fmt.Sprintf("validates parameters %v", f.Params) }

// validator gives the evaluator the parameters a function of another
// package vouches for.
func (c *checker) validator(fn *types.Func) []int {
	var f guardFact
	if c.pass.ImportObjectFact(fn, &f) {
		return f.Params
	}
	return nil
}

// exportGuards exports a guardFact for the validators of the package that
// other packages can call.
func (c *checker) exportGuards() {
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || !c.mayValidate(fd) {
				continue
			}
			fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if fn == nil || !visible(fn) {
				continue
			}
			if ps := c.ev.Validates(fn); len(ps) > 0 {
				c.pass.ExportObjectFact(fn, &guardFact{Params: ps})
			}
		}
	}
}

// mayValidate reports whether fd has the shape of a validator, cheaply: a
// string parameter, a last result that is a bool or an error, and a body
// that compares the parameter, looks it up, switches on it or hands it to
// a check, so that only those functions get a control flow analysis.
func (c *checker) mayValidate(fd *ast.FuncDecl) bool {
	info := c.pass.TypesInfo
	fn, _ := info.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return false
	}
	sig := fn.Signature()
	res := sig.Results()
	if res.Len() == 0 {
		return false
	}
	last := res.At(res.Len() - 1).Type()
	if !types.Identical(last, types.Typ[types.Bool]) && !types.Identical(last, types.Universe.Lookup("error").Type()) {
		return false
	}
	params := map[types.Object]bool{}
	for i := range sig.Params().Len() {
		if p := sig.Params().At(i); isString(p.Type()) {
			params[p] = true
		}
	}
	isParam := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && params[info.Uses[id]]
	}
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			found = found || (n.Op == token.EQL || n.Op == token.NEQ) && (isParam(n.X) || isParam(n.Y))
		case *ast.IndexExpr:
			found = found || isParam(n.Index)
		case *ast.SwitchStmt:
			found = found || isParam(n.Tag)
		case *ast.CallExpr:
			found = found || len(params) > 0 && slices.ContainsFunc(n.Args, isParam)
		}
		return !found
	})
	return found
}

// usesSQLFact marks a package that can reach a SQL sink, so packages that
// import it are analyzed too.
type usesSQLFact struct{}

func (*usesSQLFact) AFact()         {}
func (*usesSQLFact) String() string { return "uses sql" }

// maxFactParts bounds the size of a textFact; longer texts are not summarized.
const maxFactParts = 48

// sqlWords recognizes text that reads like SQL, so helpers that build
// other strings get no facts.
var sqlWords = regexp.MustCompile(`(?i)\b(select|insert|update|delete|where|from|values|order by|group by|join|limit|having)\b`)

// returnedText summarizes the string fn returns as its first result, when
// it is SQL text built from something other than constants.
func (c *checker) returnedText(fd *ast.FuncDecl, fn *types.Func) *textFact {
	res := fn.Signature().Results()
	if res.Len() == 0 || !isString(res.At(0).Type()) {
		return nil
	}
	var alts [][]strexpr.Part
	for _, v := range returns.Values(fd.Body, res.Len(), 0) {
		if v != nil { // not a bare return, nor a call's results
			alts = append(alts, c.sqlText(v))
		}
	}
	var parts []strexpr.Part
	for _, a := range alts {
		if !strexpr.AllSafe(a) {
			parts = a
			break
		}
	}
	if parts == nil {
		if len(alts) == 0 {
			return nil
		}
		// Every return is safe text (a placeholder, a number): say so, or
		// the call would count as arbitrary text. Where the package sends
		// no SQL, only text made at run time is worth a fact: the
		// constants every String method returns are not SQL.
		if c.textsOnly && !slices.ContainsFunc(alts, func(a []strexpr.Part) bool {
			return slices.ContainsFunc(a, func(p strexpr.Part) bool { return p.Kind == strexpr.Safe })
		}) {
			return nil
		}
		return &textFact{Parts: []factPart{{Kind: strexpr.Safe, Param: -1}}}
	}
	if len(parts) > maxFactParts {
		return nil
	}
	params := fn.Signature().Params()
	f := &textFact{}
	sql := false
	for i, p := range parts {
		if p.Kind == strexpr.Dynamic && position(parts, i).quoted {
			sql = true // a value spliced between quotes: name = '...'
		}
		fp := factPart{Kind: p.Kind, Text: p.Text, Param: -1, Origin: p.Origin, Why: p.Why}
		if p.Kind == strexpr.Const && sqlWords.MatchString(p.Text) {
			sql = true
		}
		if p.Origin == strexpr.Param {
			for i := range params.Len() {
				if params.At(i) == p.Param && (!fn.Signature().Variadic() || i != params.Len()-1) {
					fp.Param = i
				}
			}
			if fp.Param < 0 {
				fp.Origin = strexpr.Unknown // a parameter of an enclosing function
			}
		}
		if fp.Kind == strexpr.Dynamic && fp.Param < 0 {
			fp.Why += " in " + fn.Name()
		}
		f.Parts = append(f.Parts, fp)
	}
	if !sql && !spliced(f.Parts) {
		return nil
	}
	return f
}

// spliced reports whether a helper's text is its parameters spliced
// between pieces of identifiers, and nothing else ("admin_" + userID): a
// name builder, which a query may use for a table. Put in terms of the
// call's arguments, the text is judged by what the caller passes. Text
// with spaces or punctuation ("hello " + name) is no name.
func spliced(parts []factPart) bool {
	param := false
	for _, p := range parts {
		switch {
		case p.Kind == strexpr.Dynamic && p.Param >= 0:
			param = true
		case p.Kind == strexpr.Dynamic:
			return false
		case p.Kind == strexpr.Const && !identRE.MatchString(p.Text):
			return false
		}
	}
	return param
}

// identRE matches what a table or column name is made of.
var identRE = regexp.MustCompile(`^[A-Za-z0-9_.]*$`)

// helperText is the evaluator's hook for calls: it puts a call to a
// SQL-building helper in terms of the call's own arguments.
func (c *checker) helperText(call *ast.CallExpr, fn *types.Func) ([]strexpr.Part, bool) {
	f := c.texts[fn]
	if f == nil && fn.Pkg() == c.pass.Pkg {
		c.asked[fn] = true // summarized later, maybe: worth another round
	}
	if f == nil && fn.Pkg() != c.pass.Pkg {
		var imported textFact
		if c.pass.ImportObjectFact(fn, &imported) {
			f = &imported
		}
	}
	if f == nil {
		return nil, false
	}
	var parts []strexpr.Part
	for _, fp := range f.Parts {
		if fp.Param >= 0 {
			if fp.Param < len(call.Args) {
				parts = append(parts, c.ev.Eval(call.Args[fp.Param])...)
			}
			continue
		}
		parts = append(parts, strexpr.Part{Kind: fp.Kind, Text: fp.Text, Expr: call, Origin: fp.Origin, Why: fp.Why})
	}
	return parts, true
}
