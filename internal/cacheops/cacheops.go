// Package cacheops finds what a package's functions do to caches: which
// calls read a key, write one (with what expiry), delete one, and which
// calls of the program's own functions do so inside (a cache wrapper, a
// get-or-load helper, a key helper), in this package or, through analysis
// facts, in another. It also learns which entities the program caches
// under which keys ("user:*" holds rows of users), and which functions
// update or delete rows of which entity, so that an analyzer can ask
// whether an update leaves a cached copy stale.
//
// cachestampede and cachestale require Analyzer and read its Result; it
// reports nothing.
package cacheops

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strings"

	"github.com/crisislint/crisislint/internal/effects"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"github.com/crisislint/crisislint/internal/strexpr"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Kind is what an operation does to a key.
type Kind uint8

const (
	// Get reads a key.
	Get Kind = iota + 1
	// Set writes a key.
	Set
	// Del deletes keys.
	Del
	// Expire sets the expiry of a key.
	Expire
	// Aside is a get-or-load: it reads the key and, on a miss, runs its
	// loader and writes the result back.
	Aside
)

var kindNames = [...]string{Get: "get", Set: "set", Del: "delete", Expire: "expire", Aside: "get-or-load"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Expiry is what is known of a write's TTL.
type Expiry uint8

const (
	// Unknown is a TTL computed at run time (configuration, a field):
	// whether it varies cannot be told.
	Unknown Expiry = iota
	// Fixed is a constant TTL, the same for every key written here.
	Fixed
	// Jittered is a TTL with a random part.
	Jittered
	// Forever is no expiry at all.
	Forever
	// Default is the cache's default expiry, set where the cache is made.
	Default
	// FromParam is a TTL that the enclosing function receives from its
	// callers (Op.TTLParam): they tell.
	FromParam
)

// Op is one operation on a cache, made by a call.
type Op struct {
	Kind Kind
	// Lib names the cache client for messages: "redis", "memcache".
	Lib string
	// Call is the call that makes it: the client's method, a rueidis
	// command's Build, or the call of a function that makes it inside.
	Call *ast.CallExpr
	// Func is the function (an *ast.FuncDecl or *ast.FuncLit) whose body
	// holds Call.
	Func ast.Node
	// Key is the key argument, when the call has one; KeyParam is the
	// parameter of the enclosing declaration it comes from, or -1.
	Key      ast.Expr
	KeyParam int
	// Shape is the key's layout with the parts that vary as "*":
	// "user:*" for "user:"+id and fmt.Sprintf("user:%d", id); "" when
	// nothing of the key is constant.
	Shape string
	// Value is the value written, when the call has one.
	Value ast.Expr
	// TTL is the expiry argument as written at the call (nil when the call
	// has none, or when the expiry is set inside the called function);
	// TTLType the type of the parameter it is passed to; Unit how it
	// counts time.
	TTL     ast.Expr
	TTLType types.Type
	Unit    knowledge.TTLUnit
	Expiry  Expiry
	// Const is a Fixed TTL in Unit; ConstText how the code spells it.
	Const     int64
	ConstText string
	// TTLParam is the parameter of the enclosing declaration a FromParam
	// TTL comes from.
	TTLParam int
	// Item is the gomemcache item literal the call writes, if written in
	// the function.
	Item *ast.CompositeLit
	// IfAbsent is set for a write made only when the key is absent.
	IfAbsent bool
	// Via names the program's function the call reaches, when the cache
	// call is made inside it; empty for a direct call of the client.
	Via string
	// Name names the call as the code spells it, for messages: the
	// client's method, the wrapper, or a rueidis command's builder
	// (s.rdb.B().Set()).
	Name string
	// Loader is the argument an Aside runs on a miss; Guarded is set when
	// the get-or-load lets one caller load while the others wait.
	Loader  ast.Expr
	Guarded bool

	forever    int64 // the TTL value that means "never expires"
	defaultTTL bool  // a TTL of 0 means the cache's default
	lock       bool  // a write of a constant only when absent, inside the function called
}

// Direct reports whether the call is the cache client's own.
func (op *Op) Direct() bool { return op.Via == "" }

// Link says that keys of a shape hold rows of an entity: "user:*" holds
// users.
type Link struct {
	Shape  string
	Entity string
	// Switch is the package-level boolean that must be true for the
	// program to write such keys (a cache it can turn off), or "".
	Switch string
}

// Write is a place where a function updates or deletes rows of an
// entity: the statement itself, or a call that does it inside.
type Write struct {
	Entity string
	// Call is the call that writes, or reaches the write.
	Call *ast.CallExpr
	// Via names the function the call reaches when the write is inside
	// it; Clears are the key shapes that function deletes or overwrites
	// after it.
	Via    string
	Clears []string
	// Func is the function whose body holds Call.
	Func ast.Node
}

// Result answers questions about the caches of one package.
type Result struct {
	// Panic is set when the analysis failed: what is known is partial.
	Panic string

	pass  *analysis.Pass
	fx    *effects.Result
	index *strexpr.Index
	ev    *strexpr.Evaluator

	tops    []ast.Node                // the package's functions, in source order
	enclose map[*ast.FuncLit]ast.Node // each function literal's top function
	decls   map[*types.Func]*ast.FuncDecl
	ops     map[ast.Node][]*Op // by top function
	sums    map[*types.Func]*Fact
	busy    map[*types.Func]bool
	links   []Link                // this package's and the others', once asked (allLinks)
	own     []Link                // learned in this package
	writes  map[ast.Node][]*Write // by top function, in source order
	left    map[*types.Func][]string
	keys    map[*types.Func]string // the shapes of the keys key helpers return
	defers  []ast.Node             // the deferred statements: what they call runs last
	callers map[*types.Func][]*ast.CallExpr
	callTop map[*ast.CallExpr]ast.Node
	// ifaceCalls are the package's calls of interface methods, outside
	// tests; called, the functions with writes left cached that are
	// called (see callers.go); calls, the other packages' writers the
	// package calls; asked, the functions whose callers elsewhere were
	// looked for, and callersElsewhere what was found.
	ifaceCalls       []ifaceCall
	called           map[ast.Node]bool
	calls            []string
	asked            []string
	callersElsewhere map[string]bool
}

// Tops returns the package's functions in source order: declarations
// with a body, and function literals outside any declaration.
func (r *Result) Tops() []ast.Node { return r.tops }

// Ops returns the cache operations made in a top function (its nested
// function literals included), in source order.
func (r *Result) Ops(top ast.Node) []*Op { return r.ops[top] }

// Top returns the top function that holds a function literal, or n
// itself.
func (r *Result) Top(n ast.Node) ast.Node {
	if lit, ok := n.(*ast.FuncLit); ok {
		if t := r.enclose[lit]; t != nil {
			return t
		}
	}
	return n
}

// Writes returns the places where a top function updates or deletes
// rows, in source order: directly, or through the program's functions
// that leave the cached copies to their callers.
func (r *Result) Writes(top ast.Node) []*Write { return r.writes[top] }

// Callers returns the calls of fn made in this package.
func (r *Result) Callers(fn *types.Func) []*ast.CallExpr { return r.callers[fn.Origin()] }

// CallTop returns the top function that holds a call recorded by
// Callers.
func (r *Result) CallTop(call *ast.CallExpr) ast.Node { return r.callTop[call] }

// Index returns the package's index of variable writes.
func (r *Result) Index() *strexpr.Index { return r.index }

// Decl returns the declaration of a function of this package.
func (r *Result) Decl(fn *types.Func) *ast.FuncDecl { return r.decls[fn.Origin()] }

// Analyzer finds the cache operations of a package, exports what its
// functions do to caches as facts, and answers through its Result.
var Analyzer = &analysis.Analyzer{
	Name:       "cacheops",
	Doc:        "cacheops: find what functions do to caches (a helper of crisislint's cache analyzers)",
	URL:        "https://github.com/crisislint/crisislint/tree/main/internal/cacheops",
	Run:        run,
	Requires:   []*analysis.Analyzer{effects.Analyzer},
	FactTypes:  []analysis.Fact{new(Fact), new(LinksFact), new(wantsLinksFact), new(callsFact), new(wantsCallsFact)},
	ResultType: reflect.TypeFor[*Result](),
}

func run(pass *analysis.Pass) (res any, err error) {
	fx := pass.ResultOf[effects.Analyzer].(*effects.Result)
	r := &Result{
		pass:    pass,
		fx:      fx,
		index:   fx.Index(),
		enclose: make(map[*ast.FuncLit]ast.Node),
		decls:   make(map[*types.Func]*ast.FuncDecl),
		ops:     make(map[ast.Node][]*Op),
		sums:    make(map[*types.Func]*Fact),
		busy:    make(map[*types.Func]bool),
		writes:  make(map[ast.Node][]*Write),
		callers: make(map[*types.Func][]*ast.CallExpr),
		callTop: make(map[*ast.CallExpr]ast.Node),
		left:    make(map[*types.Func][]string),
		keys:    make(map[*types.Func]string),
		called:  make(map[ast.Node]bool),
	}
	r.ev = &strexpr.Evaluator{Info: pass.TypesInfo, Index: r.index, Call: r.keyHelper}
	defer func() {
		// A bug here must not take the analyzers that require this one
		// down with it: they get what was found so far.
		if p := recover(); p != nil {
			r.Panic = fmt.Sprint(p)
			res, err = r, nil
		}
	}()
	if knowledge.Described(pass.Pkg.Path()) || knowledge.IsCachePackage(pass.Pkg.Path()) {
		return r, nil // a cache client itself: the tables say what it does
	}
	r.collect()
	for _, top := range r.tops {
		r.opsOf(top)
	}
	r.learnLinks()
	if fx.Has(effects.DB) {
		r.findWrites()
		r.judgeCallers()
	}
	r.export()
	r.exportCalls()
	return r, nil
}

// collect finds the package's top functions, which function literal
// belongs to which, and the calls of the package's functions.
func (r *Result) collect() {
	for _, f := range r.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body == nil {
					return false
				}
				r.tops = append(r.tops, n)
				if fn, ok := r.pass.TypesInfo.Defs[n.Name].(*types.Func); ok {
					r.decls[fn] = n
				}
				r.within(n, n.Body)
				return false
			case *ast.FuncLit:
				r.tops = append(r.tops, n)
				r.within(n, n.Body)
				return false
			}
			return true
		})
	}
}

// within records the literals and calls of a top function's body.
func (r *Result) within(top ast.Node, body *ast.BlockStmt) {
	from := r.receiverOf(top)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			r.enclose[n] = top
		case *ast.DeferStmt:
			r.defers = append(r.defers, n)
		case *ast.CallExpr:
			if fn, ok := typeutil.Callee(r.pass.TypesInfo, n).(*types.Func); ok && fn.Pkg() == r.pass.Pkg {
				r.callers[fn.Origin()] = append(r.callers[fn.Origin()], n)
				r.callTop[n] = top
			}
			if m := interfaceCall(r.pass.TypesInfo, n); m != nil && !report.IsTestCode(r.pass, n.Pos()) {
				r.ifaceCalls = append(r.ifaceCalls, ifaceCall{call: m, from: from})
			}
		}
		return true
	})
}

// funcOf returns the innermost function (declaration or literal) of top
// that holds pos.
func funcOf(top ast.Node, pos token.Pos) ast.Node {
	inner := top
	ast.Inspect(top, func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		if lit, ok := n.(*ast.FuncLit); ok {
			inner = lit
		}
		return true
	})
	return inner
}

// paramIndex returns the position of v among the parameters of the
// declaration top, or -1.
func (r *Result) paramIndex(top ast.Node, v *types.Var) int {
	if v == nil {
		return -1
	}
	if i, ok := r.index.Param(v); ok && r.index.Owner(v) == top {
		return i
	}
	return -1
}

// Shape returns the layout of a key expression: its constant parts, and
// "*" for each run of parts that vary; "" when no part is constant.
func (r *Result) Shape(key ast.Expr) string {
	return shapeOf(r.ev.Eval(key))
}

func shapeOf(parts []strexpr.Part) string {
	var b strings.Builder
	constant := false
	for _, p := range parts {
		if p.Kind == strexpr.Const {
			b.WriteString(p.Text)
			constant = constant || p.Text != ""
			continue
		}
		if !strings.HasSuffix(b.String(), "*") {
			b.WriteString("*")
		}
	}
	if !constant {
		return ""
	}
	return b.String()
}

// sortedUnique sorts a list of strings and drops repeats.
func sortedUnique(list []string) []string {
	sort.Strings(list)
	out := list[:0]
	for i, s := range list {
		if i == 0 || s != list[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// Referent returns the object a name or a selector names (a variable, a
// field, a function), or nil for any other expression.
func Referent(info *types.Info, e ast.Expr) types.Object {
	switch e := e.(type) {
	case *ast.Ident:
		return info.Uses[e]
	case *ast.SelectorExpr:
		return info.Uses[e.Sel]
	}
	return nil
}
