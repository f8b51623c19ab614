package strexpr

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/types/typeutil"
)

// Kind is what a part of a string can hold.
type Kind int

const (
	// Const is constant text, known at compile time: Part.Text.
	Const Kind = iota
	// Safe is text computed at run time that cannot carry arbitrary
	// characters: a number, a boolean, a time, a list of placeholders, a
	// quoted identifier, or one of a closed set of constants.
	Safe
	// Dynamic is arbitrary text.
	Dynamic
)

// Origin says where a dynamic part comes from.
type Origin int

const (
	// Unknown is a value read through a pointer, decoded, scanned, ...
	Unknown Origin = iota
	// Param is a parameter of the function (Part.Param).
	Param
	// Input is text an outside user chooses: request values, command-line
	// arguments.
	Input
	// Field is a field of a struct.
	Field
	// Global is a package-level variable that is assigned at run time, or
	// a field reached from one: configuration.
	Global
	// Call is the result of a call whose meaning is not known.
	Call
)

// Part is one piece of a string built at run time.
type Part struct {
	Kind Kind
	// Text is the text of a Const part.
	Text string
	// Expr is the source expression the part comes from. For a piece of a
	// format string it is the format argument.
	Expr ast.Expr
	// Origin and Param say where a Dynamic part comes from.
	Origin Origin
	Param  *types.Var
	// Why describes a Dynamic part for a message: "r.FormValue("q")".
	Why string
	// Folded is set on a part that stands for a larger value whose layout
	// is lost: an element of a collection, a joined list.
	Folded bool
}

// Evaluator turns string expressions of one package into parts.
type Evaluator struct {
	Info  *types.Info
	Index *Index
	// Call, when set, gives meaning to a call the evaluator does not know,
	// typically from analysis facts about a helper. It returns false to
	// leave the call opaque.
	Call func(call *ast.CallExpr, fn *types.Func) ([]Part, bool)

	// Guard, when set, makes a local string variable safe where a check
	// against a closed set of constants dominates its read (guard.go).
	Guard bool
	// Validator, when set, gives the parameters a function of another
	// package vouches for when it succeeds, typically from analysis
	// facts (see Validates).
	Validator func(fn *types.Func) []int

	guards     map[ast.Node]*fnGuard
	validators map[*types.Func][]int

	current map[*types.Var][]Part // value so far of variables being evaluated
	depth   int                   // nesting of Eval calls (Call may call Eval)
	steps   int                   // work done by the outermost Eval
}

// maxSteps bounds the work of one evaluation: code generated or written
// to build huge strings must not make the analysis hang.
const maxSteps = 20000

// maxAlternatives bounds how many values of a variable assigned in several
// places are kept apart.
const maxAlternatives = 8

// Eval returns the parts of the string expression e.
func (ev *Evaluator) Eval(e ast.Expr) []Part {
	if ev.current == nil {
		ev.current = make(map[*types.Var][]Part)
	}
	if ev.depth == 0 {
		ev.steps = 0
	}
	ev.depth++
	defer func() { ev.depth-- }()
	return ev.eval(e)
}

func (ev *Evaluator) eval(e ast.Expr) []Part {
	e = ast.Unparen(e)
	if ev.steps++; ev.steps > maxSteps {
		return []Part{dynamic(e, Unknown, types.ExprString(e))}
	}
	tv := ev.Info.Types[e]
	if tv.Value != nil {
		if tv.Value.Kind() == constant.String {
			return []Part{{Kind: Const, Text: constant.StringVal(tv.Value), Expr: e}}
		}
		return []Part{{Kind: Safe, Expr: e}}
	}
	if tv.Type != nil && safeType(tv.Type) {
		return []Part{{Kind: Safe, Expr: e}}
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		return append(ev.eval(e.X), ev.eval(e.Y)...)
	case *ast.Ident:
		return ev.ident(e)
	case *ast.CallExpr:
		return ev.call(e)
	case *ast.SelectorExpr:
		if v, ok := ev.Info.ObjectOf(e.Sel).(*types.Var); ok {
			if v.IsField() {
				if Configuration(ev.Info, e) {
					return []Part{dynamic(e, Global, types.ExprString(e)+" (configuration)")}
				}
				if p, ok := ev.boundField(e); ok {
					return []Part{p}
				}
				if parts, ok := ev.literalField(e, v.Name(), 0); ok {
					return parts
				}
				return []Part{ev.fieldPart(e)}
			}
			return ev.global(e, v)
		}
	case *ast.IndexExpr:
		if ev.wordSubmatch(e) {
			return []Part{{Kind: Safe, Expr: e}}
		}
		p := ev.summary(e, ev.elems(e.X))
		if p.Origin == Input {
			p.Why = types.ExprString(e) // os.Args[1], not os.Args
		}
		return []Part{p}
	case *ast.SliceExpr:
		if isString(ev.Info.TypeOf(e.X)) {
			return ev.slice(e)
		}
	case *ast.StarExpr:
		return []Part{dynamic(e, Unknown, types.ExprString(e))}
	case *ast.UnaryExpr:
		if p, ok := ev.boundAddr(e); ok {
			return []Part{p}
		}
	}
	return []Part{dynamic(e, Unknown, types.ExprString(e))}
}

// slice evaluates s[i:j] of a string: a piece of constant text when the
// text and the bounds are constant; a piece of one dynamic value is that
// value, cut (name[1:]); otherwise a piece of safe text is safe
// (strings.Repeat(",?", n)[1:]), and a piece of a mix is dynamic, its
// layout lost.
func (ev *Evaluator) slice(e *ast.SliceExpr) []Part {
	parts := ev.eval(e.X)
	if len(parts) == 1 && parts[0].Kind == Dynamic {
		p := parts[0]
		p.Expr = e
		return []Part{p}
	}
	if len(parts) == 1 && parts[0].Kind == Const {
		text := parts[0].Text
		lo, hi := 0, len(text)
		okLo, okHi := e.Low == nil, e.High == nil
		if e.Low != nil {
			lo, okLo = ev.constInt(e.Low)
		}
		if e.High != nil {
			hi, okHi = ev.constInt(e.High)
		}
		if okLo && okHi && 0 <= lo && lo <= hi && hi <= len(text) {
			return []Part{{Kind: Const, Text: text[lo:hi], Expr: e}}
		}
	}
	return []Part{ev.summary(e, parts)}
}

// wordSubmatch reports whether e is re.FindStringSubmatch(s)[k] of a
// regular expression written in the program whose group k matches only
// word characters (tmp_recreate__(\w+)_id_seq): whatever s holds, that
// text cannot close a quote, end a statement or start a comment.
func (ev *Evaluator) wordSubmatch(e *ast.IndexExpr) bool {
	call, ok := ast.Unparen(e.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, _ := typeutil.Callee(ev.Info, call).(*types.Func)
	sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if fn == nil || !isSel || !knowledge.RegexpSubmatches[knowledge.FuncName(fn)] {
		return false
	}
	k, ok := ev.constInt(e.Index)
	if !ok {
		return false
	}
	pattern, ok := ev.regexpPattern(sel.X)
	if !ok {
		return false
	}
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return false
	}
	group := findCapture(re, k)
	return group != nil && wordsOnly(group)
}

// regexpPattern returns the constant pattern a regular expression is
// compiled from: regexp.MustCompile(`...`) itself, or a variable whose
// one write is that call.
func (ev *Evaluator) regexpPattern(e ast.Expr) (string, bool) {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		v, isVar := ev.Info.Uses[id].(*types.Var)
		if !isVar {
			return "", false
		}
		ws := ev.Index.Writes(v)
		if len(ws) != 1 || ws[0].Kind != Assign || ws[0].RHS == nil {
			return "", false
		}
		e = ast.Unparen(ws[0].RHS)
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return "", false
	}
	fn, _ := typeutil.Callee(ev.Info, call).(*types.Func)
	if fn == nil || !knowledge.RegexpCompilers[knowledge.FuncName(fn)] {
		return "", false
	}
	if tv := ev.Info.Types[call.Args[0]]; tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	return "", false
}

// findCapture returns group k of re (0: the whole expression), or nil.
func findCapture(re *syntax.Regexp, k int) *syntax.Regexp {
	if k == 0 {
		return re
	}
	if re.Op == syntax.OpCapture && re.Cap == k {
		return re
	}
	for _, sub := range re.Sub {
		if g := findCapture(sub, k); g != nil {
			return g
		}
	}
	return nil
}

// wordsOnly reports whether every text re matches is made of letters,
// digits and underscores.
func wordsOnly(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if !isWordRune(r) {
				return false
			}
		}
		return true // (?i)k also matches the Kelvin sign: a letter, no SQL
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if !isWordRune(r) {
					return false
				}
			}
		}
		return true
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	case syntax.OpCapture, syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat,
		syntax.OpConcat, syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !wordsOnly(sub) {
				return false
			}
		}
		return true
	}
	return false // any character, an empty class, ...
}

func isWordRune(r rune) bool {
	return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}

func (ev *Evaluator) constInt(e ast.Expr) (int, bool) {
	if tv := ev.Info.Types[e]; tv.Value != nil {
		if v, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
			return int(v), true
		}
	}
	return 0, false
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// Configuration reports whether e (cfg.DB.Name, builtinApps,
// setting.SSH.Principals[i]) is reached from a package-level variable:
// the shape of configuration, set at start-up, not of data a request
// brings or a query returns.
func Configuration(info *types.Info, e ast.Expr) bool {
	for {
		switch s := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if v, ok := info.ObjectOf(s.Sel).(*types.Var); ok && !v.IsField() {
				return isGlobal(v) && !isUserInputVar(v) // pkg.Var
			}
			e = s.X
		case *ast.IndexExpr:
			e = s.X // migrations[i].Version
		case *ast.SliceExpr:
			e = s.X
		case *ast.Ident:
			v, ok := info.Uses[s].(*types.Var)
			return ok && isGlobal(v) && !isUserInputVar(v)
		default:
			return false
		}
	}
}

func dynamic(e ast.Expr, o Origin, why string) Part {
	return Part{Kind: Dynamic, Expr: e, Origin: o, Why: why}
}

// safeType reports whether values of t print as text that cannot change
// the meaning of SQL or of a key around them: numbers, booleans, times.
func safeType(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsNumeric|types.IsBoolean) != 0
	}
	switch knowledge.TypeName(t) {
	case "time.Time", "*time.Time", "time.Duration":
		return true
	}
	return false
}

func (ev *Evaluator) ident(id *ast.Ident) []Part {
	v, ok := ev.Info.Uses[id].(*types.Var)
	if !ok {
		return []Part{dynamic(id, Unknown, id.Name)}
	}
	if cur, ok := ev.current[v]; ok {
		return cur // a variable read while its own value is computed
	}
	if isGlobal(v) {
		return ev.global(id, v)
	}
	if p, ok := ev.boundVar(id, v); ok {
		return []Part{p}
	}
	var initial [][]Part
	if _, ok := ev.Index.Param(v); ok {
		p := dynamic(id, Param, "parameter "+v.Name())
		p.Param = v
		initial = [][]Part{{p}}
	} else if ev.Index.Receiver(v) {
		initial = [][]Part{{dynamic(id, Unknown, v.Name())}} // tag = tag[i:]
	}
	parts := ev.variable(id, v, initial)
	if !allSafe(parts) && ev.guarded(id, v) {
		return []Part{{Kind: Safe, Expr: id}}
	}
	return parts
}

// global evaluates a package-level variable: its initializer when nothing
// else writes it, an opaque value otherwise.
func (ev *Evaluator) global(e ast.Expr, v *types.Var) []Part {
	if isUserInputVar(v) {
		return []Part{dynamic(e, Input, types.ExprString(e))}
	}
	ws := ev.Index.Writes(v)
	if len(ws) == 1 && ws[0].Decl && ws[0].Kind == Assign && ws[0].RHS != nil {
		if _, busy := ev.current[v]; !busy {
			ev.current[v] = []Part{dynamic(e, Global, v.Name())}
			parts := ev.eval(ws[0].RHS)
			delete(ev.current, v)
			if allSafe(parts) {
				return parts
			}
		}
	}
	return []Part{dynamic(e, Global, "package variable "+v.Name())}
}

func isUserInputVar(v *types.Var) bool {
	return v.Pkg() != nil && knowledge.UserInputVars[v.Pkg().Path()+"."+v.Name()]
}

func isGlobal(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// variable evaluates a local variable from its writes in source order.
// initial holds the value a parameter arrives with.
func (ev *Evaluator) variable(e ast.Expr, v *types.Var, initial [][]Part) []Part {
	alts := initial
	ev.current[v] = pick(e, alts)
	defer delete(ev.current, v)
	for _, w := range ev.Index.Writes(v) {
		switch w.Kind {
		case Assign:
			if w.RHS == nil || isBuilder(v.Type()) {
				// var s string; b := strings.Builder{}: empty so far.
				alts = append(alts, []Part{{Kind: Const, Expr: e}})
				break
			}
			parts := ev.eval(w.RHS)
			if refersTo(ev.Info, w.RHS, v) {
				// q = q + "...": the new value extends the old one, which
				// the evaluation above already read through ev.current.
				alts = [][]Part{parts}
			} else {
				alts = append(alts, parts)
			}
		case AddAssign:
			add := ev.eval(w.RHS)
			if len(alts) == 0 {
				alts = [][]Part{nil}
			}
			for i := range alts {
				alts[i] = append(append([]Part(nil), alts[i]...), add...)
			}
		case Tuple:
			alts = append(alts, ev.tuple(e, w))
		case Range:
			switch {
			case w.TupleIndex == 0 && !isMap(ev.Info.TypeOf(w.RHS)):
				alts = append(alts, []Part{{Kind: Safe, Expr: e}})
			case w.TupleIndex == 0:
				p := ev.summary(e, ev.mapKeys(w.RHS))
				if p.Kind == Dynamic {
					p.Why = v.Name() + ", a key of " + p.Why
				}
				alts = append(alts, []Part{p})
			default:
				p := ev.summary(e, ev.elems(w.RHS))
				if p.Kind == Dynamic {
					p.Why = v.Name() + ", an element of " + p.Why
				}
				alts = append(alts, []Part{p})
			}
		case Builder, Fprint:
			if len(alts) == 0 {
				alts = [][]Part{nil}
			}
			add := ev.builderWrite(w)
			for i := range alts {
				alts[i] = append(append([]Part(nil), alts[i]...), add...)
			}
		case Escape:
			alts = append(alts, []Part{dynamic(e, Unknown, v.Name())})
		case Elem:
			// Element writes change a slice or map, not a string.
		}
		if len(alts) > maxAlternatives {
			alts = [][]Part{pick(e, alts)}
		}
		ev.current[v] = pick(e, alts)
	}
	if len(alts) == 0 {
		return []Part{dynamic(e, Unknown, v.Name())}
	}
	return pick(e, alts)
}

// pick returns the value of a variable that may hold any of alts: the one
// alternative if there is one; one Safe part standing for a closed set of
// safe values; or the first alternative that is not safe.
func pick(e ast.Expr, alts [][]Part) []Part {
	switch len(alts) {
	case 0:
		return []Part{{Kind: Const, Expr: e}}
	case 1:
		return alts[0]
	}
	for _, a := range alts {
		if !allSafe(a) {
			return a
		}
	}
	return []Part{{Kind: Safe, Expr: e}}
}

func allSafe(parts []Part) bool {
	for _, p := range parts {
		if p.Kind == Dynamic {
			return false
		}
	}
	return true
}

// AllSafe reports whether no part of parts is Dynamic.
func AllSafe(parts []Part) bool { return allSafe(parts) }

func refersTo(info *types.Info, e ast.Expr, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

func isMap(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Map)
	return ok
}

func (ev *Evaluator) tuple(e ast.Expr, w Write) []Part {
	call, ok := ast.Unparen(w.RHS).(*ast.CallExpr)
	if !ok {
		return []Part{dynamic(e, Unknown, types.ExprString(e))}
	}
	fn, _ := typeutil.Callee(ev.Info, call).(*types.Func)
	if fn != nil {
		name := knowledge.FuncName(fn)
		if t, ok := knowledge.SQLTransparent[name]; ok && t.Result == w.TupleIndex && t.Arg < len(call.Args) {
			return ev.eval(call.Args[t.Arg])
		}
		if knowledge.UserInputs[name] {
			return []Part{dynamic(call, Input, types.ExprString(call))}
		}
		if w.TupleIndex == 0 && ev.Call != nil {
			if parts, ok := ev.Call(call, fn); ok {
				return parts
			}
		}
	}
	return []Part{dynamic(call, Call, "the result of "+types.ExprString(call.Fun))}
}

// builderWrite returns what one write into a strings.Builder or
// bytes.Buffer adds to it.
func (ev *Evaluator) builderWrite(w Write) []Part {
	if w.Kind == Fprint {
		return ev.format(w.Call, knowledge.FuncName(typeutil.Callee(ev.Info, w.Call).(*types.Func)), w.Call.Args[1:])
	}
	switch knowledge.FuncName(typeutil.Callee(ev.Info, w.Call).(*types.Func)) {
	case "(*strings.Builder).WriteByte", "(*strings.Builder).WriteRune",
		"(*bytes.Buffer).WriteByte", "(*bytes.Buffer).WriteRune":
		if tv := ev.Info.Types[w.RHS]; tv.Value != nil {
			if r, ok := constant.Int64Val(tv.Value); ok {
				return []Part{{Kind: Const, Text: string(rune(r)), Expr: w.RHS}}
			}
		}
		return []Part{{Kind: Safe, Expr: w.RHS}}
	case "(*strings.Builder).Write", "(*bytes.Buffer).Write":
		if conv, ok := ast.Unparen(w.RHS).(*ast.CallExpr); ok && len(conv.Args) == 1 && ev.Info.Types[conv.Fun].IsType() {
			return ev.eval(conv.Args[0])
		}
		return []Part{dynamic(w.RHS, Unknown, types.ExprString(w.RHS))}
	}
	return ev.eval(w.RHS)
}

func (ev *Evaluator) call(call *ast.CallExpr) []Part {
	if tv := ev.Info.Types[call.Fun]; tv.IsType() && len(call.Args) == 1 {
		// A conversion: string(x), Name(x).
		arg := call.Args[0]
		if t := ev.Info.TypeOf(arg); t != nil {
			if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
				return ev.eval(arg)
			}
			if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
				return []Part{{Kind: Safe, Expr: call}}
			}
			if _, ok := t.Underlying().(*types.Slice); ok && isString(tv.Type) {
				// string(b) of a []byte or []rune: the text of its
				// elements, in an order this model does not keep.
				return []Part{ev.summary(call, ev.elems(arg))}
			}
		}
		return []Part{dynamic(call, Unknown, types.ExprString(call))}
	}
	fn, _ := typeutil.Callee(ev.Info, call).(*types.Func)
	if fn == nil {
		return []Part{dynamic(call, Call, "the result of "+types.ExprString(call.Fun))}
	}
	name := knowledge.FuncName(fn)
	switch name {
	case "fmt.Sprintf", "fmt.Sprint", "fmt.Sprintln":
		return ev.format(call, name, call.Args)
	case "strings.Join":
		if len(call.Args) == 2 {
			return []Part{ev.summary(call, append(ev.elems(call.Args[0]), ev.eval(call.Args[1])...))}
		}
	case "strings.Repeat":
		if len(call.Args) == 2 {
			return []Part{ev.summary(call, ev.eval(call.Args[0]))}
		}
	case "strings.Replace", "strings.ReplaceAll":
		if len(call.Args) >= 3 {
			return ev.replace(call)
		}
	}
	if builderStrings[name] {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if v, ok := ev.Info.ObjectOf(identOf(sel.X)).(*types.Var); ok && !v.IsField() {
				if cur, busy := ev.current[v]; busy {
					return cur
				}
				return ev.variable(call, v, nil)
			}
		}
		return []Part{dynamic(call, Field, types.ExprString(call))}
	}
	switch {
	case knowledge.SafeStringers[name], knowledge.SQLQuoters[name]:
		return []Part{{Kind: Safe, Expr: call}}
	case knowledge.UserInputs[name]:
		return []Part{dynamic(call, Input, types.ExprString(call))}
	}
	if t, ok := knowledge.SQLTransparent[name]; ok && t.Result == 0 && t.Arg < len(call.Args) {
		return ev.eval(call.Args[t.Arg])
	}
	if ev.Call != nil {
		if parts, ok := ev.Call(call, fn); ok {
			return parts
		}
	}
	return []Part{dynamic(call, Call, "the result of "+types.ExprString(call.Fun))}
}

// replace evaluates strings.Replace(s, old, new, n) and ReplaceAll: a
// constant template with its placeholders filled in keeps its layout.
func (ev *Evaluator) replace(call *ast.CallExpr) []Part {
	s, old, repl := ev.eval(call.Args[0]), ev.eval(call.Args[1]), ev.eval(call.Args[2])
	n := -1
	if len(call.Args) == 4 {
		n = -2 // not known
		if tv := ev.Info.Types[call.Args[3]]; tv.Value != nil {
			if v, ok := constant.Int64Val(tv.Value); ok {
				n = int(v)
			}
		}
	}
	if len(s) == 1 && s[0].Kind == Const && len(old) == 1 && old[0].Kind == Const && old[0].Text != "" && n != -2 {
		pieces := strings.SplitN(s[0].Text, old[0].Text, n+1)
		if n < 0 {
			pieces = strings.Split(s[0].Text, old[0].Text)
		}
		var parts []Part
		for i, piece := range pieces {
			if i > 0 {
				parts = append(parts, repl...)
			}
			parts = append(parts, Part{Kind: Const, Text: piece, Expr: call.Args[0]})
		}
		return parts
	}
	all := append(append(s, old...), repl...)
	if allConst(all) {
		return []Part{{Kind: Safe, Expr: call}}
	}
	return []Part{ev.summary(call, all)}
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	if id == nil {
		return &ast.Ident{}
	}
	return id
}

func allConst(parts []Part) bool {
	for _, p := range parts {
		if p.Kind != Const {
			return false
		}
	}
	return true
}

// summary folds the parts of a value whose layout is lost (an element of
// a collection, a joined list) into one part: Safe when all of them are,
// otherwise the first dynamic part, standing at e.
func (ev *Evaluator) summary(e ast.Expr, parts []Part) Part {
	for _, p := range parts {
		if p.Kind == Dynamic {
			p.Expr = e
			p.Folded = true
			return p
		}
	}
	return Part{Kind: Safe, Expr: e}
}

// elems returns the parts of the elements of a slice, array or map
// expression.
func (ev *Evaluator) elems(e ast.Expr) []Part {
	e = ast.Unparen(e)
	if isString(ev.Info.TypeOf(e)) {
		return ev.eval(e) // append(b, s...): the bytes of a string
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		var parts []Part
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			parts = append(parts, ev.elemValue(el)...)
		}
		if len(parts) == 0 {
			return []Part{{Kind: Safe, Expr: e}}
		}
		return parts
	case *ast.Ident:
		v, ok := ev.Info.Uses[e].(*types.Var)
		if !ok {
			break
		}
		if _, busy := ev.current[v]; busy {
			return nil
		}
		if _, ok := ev.Index.Param(v); ok {
			p := dynamic(e, Param, "parameter "+v.Name())
			p.Param = v
			return []Part{p}
		}
		if ev.Index.Receiver(v) || ev.Index.Handed(v) {
			return []Part{dynamic(e, Unknown, v.Name())}
		}
		global := isGlobal(v)
		if global && isUserInputVar(v) {
			return []Part{dynamic(e, Input, v.Name())}
		}
		ev.current[v] = nil
		defer delete(ev.current, v)
		var parts []Part
		for _, w := range ev.Index.Writes(v) {
			switch w.Kind {
			case Assign:
				if w.RHS == nil {
					continue
				}
				if call, ok := ast.Unparen(w.RHS).(*ast.CallExpr); ok && isAppend(ev.Info, call) {
					for i, a := range call.Args[1:] {
						if call.Ellipsis.IsValid() && i == len(call.Args)-2 {
							parts = append(parts, ev.elems(a)...)
						} else {
							parts = append(parts, ev.elemValue(a)...)
						}
					}
					parts = append(parts, ev.elems(call.Args[0])...)
					continue
				}
				parts = append(parts, ev.elems(w.RHS)...)
			case Elem:
				parts = append(parts, ev.elemValue(w.RHS)...)
			case Tuple:
				parts = append(parts, ev.tuple(e, w)...)
			default:
				parts = append(parts, dynamic(e, Unknown, v.Name()))
			}
		}
		if global && len(parts) > 0 && !allSafe(parts) {
			return []Part{dynamic(e, Global, "package variable "+v.Name())}
		}
		return parts
	case *ast.CallExpr:
		if isBuiltin(ev.Info, e, "make") {
			// make([]string, n): empty strings, filled in by the writes
			// to the elements that the caller reads next.
			return []Part{{Kind: Safe, Expr: e}}
		}
		fn, _ := typeutil.Callee(ev.Info, e).(*types.Func)
		if fn != nil {
			name := knowledge.FuncName(fn)
			switch {
			case knowledge.UserInputs[name], name == knowledge.URLQuery:
				return []Part{dynamic(e, Input, types.ExprString(e))}
			case name == "strings.Split" || name == "strings.Fields" || name == "strings.SplitN":
				return []Part{ev.summary(e, ev.eval(e.Args[0]))}
			}
		}
		return []Part{dynamic(e, Call, "the result of "+types.ExprString(e.Fun))}
	case *ast.SelectorExpr:
		if sel, ok := ev.Info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			if knowledge.TypeName(ev.Info.TypeOf(e.X)) == "*net/url.URL" || knowledge.TypeName(ev.Info.TypeOf(e.X)) == knowledge.RequestType {
				return []Part{dynamic(e, Input, types.ExprString(e))}
			}
			return []Part{dynamic(e, Field, "field "+types.ExprString(e))}
		}
		if v, ok := ev.Info.ObjectOf(e.Sel).(*types.Var); ok && isUserInputVar(v) {
			return []Part{dynamic(e, Input, types.ExprString(e))}
		}
	case *ast.IndexExpr:
		return []Part{ev.summary(e, ev.elems(e.X))}
	}
	return []Part{dynamic(e, Unknown, types.ExprString(e))}
}

// mapKeys returns the parts of the keys of a map expression: those of
// its literals and of the keys written into it (m[k] = v).
func (ev *Evaluator) mapKeys(e ast.Expr) []Part {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.CompositeLit:
		parts := []Part{{Kind: Safe, Expr: e}}
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				parts = append(parts, ev.elemValue(kv.Key)...)
			}
		}
		return parts
	case *ast.Ident:
		v, ok := ev.Info.Uses[e].(*types.Var)
		if !ok {
			break
		}
		if _, busy := ev.current[v]; busy {
			return nil
		}
		if _, param := ev.Index.Param(v); param || ev.Index.Receiver(v) || ev.Index.Handed(v) || isUserInputVar(v) {
			break
		}
		ev.current[v] = nil
		defer delete(ev.current, v)
		var parts []Part
		for _, w := range ev.Index.Writes(v) {
			switch {
			case w.Kind == Elem && w.Key != nil:
				parts = append(parts, ev.elemValue(w.Key)...)
			case w.Kind == Assign && w.RHS != nil:
				if call, ok := ast.Unparen(w.RHS).(*ast.CallExpr); ok && isBuiltin(ev.Info, call, "make") {
					continue // empty
				}
				parts = append(parts, ev.mapKeys(w.RHS)...)
			case w.Kind == Assign:
				// var m map[string]bool: empty.
			default:
				parts = append(parts, dynamic(e, Unknown, v.Name()))
			}
		}
		if isGlobal(v) && !allSafe(parts) {
			return []Part{dynamic(e, Global, "package variable "+v.Name())}
		}
		return parts
	}
	return []Part{dynamic(e, Unknown, types.ExprString(e))}
}

// elemValue evaluates one element of a collection: strings by their parts,
// anything else by the elements it holds.
func (ev *Evaluator) elemValue(e ast.Expr) []Part {
	t := ev.Info.TypeOf(e)
	if t == nil {
		return []Part{dynamic(e, Unknown, types.ExprString(e))}
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		if b.Info()&types.IsString != 0 {
			return ev.eval(e)
		}
		return []Part{{Kind: Safe, Expr: e}}
	}
	if safeType(t) {
		return []Part{{Kind: Safe, Expr: e}}
	}
	return ev.elems(e)
}

func isAppend(info *types.Info, call *ast.CallExpr) bool {
	return len(call.Args) > 0 && isBuiltin(info, call, "append")
}

// isBuiltin reports whether call calls the built-in function name.
func isBuiltin(info *types.Info, call *ast.CallExpr, name string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// format evaluates fmt.Sprintf, Sprint and Sprintln (and their Fprint
// twins writing into a builder): the format's constant text and the parts
// of the arguments its verbs consume.
func (ev *Evaluator) format(call *ast.CallExpr, name string, args []ast.Expr) []Part {
	if !strings.HasSuffix(name, "f") {
		var parts []Part
		for _, a := range args {
			parts = append(parts, ev.arg(a, 'v')...)
		}
		return parts
	}
	if len(args) == 0 {
		return []Part{dynamic(call, Unknown, types.ExprString(call))}
	}
	format, ok := ev.ConstText(args[0])
	if !ok {
		return []Part{ev.summary(call, append([]Part{dynamic(args[0], Unknown, "a format that is not constant")}, ev.argsParts(args[1:])...))}
	}
	verbs, ok := ParseFormat(format)
	if !ok {
		return []Part{ev.summary(call, ev.argsParts(args[1:]))}
	}
	var parts []Part
	argi := 1
	for _, v := range verbs {
		if v.Verb == 0 {
			parts = append(parts, Part{Kind: Const, Text: v.Text, Expr: args[0]})
			continue
		}
		argi += v.Stars
		if argi >= len(args) {
			break
		}
		parts = append(parts, ev.arg(args[argi], v.Verb)...)
		argi++
	}
	return parts
}

// ConstText returns the text of a string expression made of constants
// only: a constant, or one built from constants through local variables
// (base + " WHERE name = '%s'").
func (ev *Evaluator) ConstText(e ast.Expr) (string, bool) {
	if tv := ev.Info.Types[e]; tv.Value != nil {
		if tv.Value.Kind() != constant.String {
			return "", false
		}
		return constant.StringVal(tv.Value), true
	}
	var b strings.Builder
	for _, p := range ev.eval(e) {
		if p.Kind != Const {
			return "", false
		}
		b.WriteString(p.Text)
	}
	return b.String(), true
}

func (ev *Evaluator) argsParts(args []ast.Expr) []Part {
	var parts []Part
	for _, a := range args {
		parts = append(parts, ev.arg(a, 'v')...)
	}
	return parts
}

// arg evaluates one argument of a print function formatted with verb.
func (ev *Evaluator) arg(a ast.Expr, verb rune) []Part {
	tv := ev.Info.Types[a]
	if tv.Value != nil {
		if tv.Value.Kind() == constant.String && verb != 'q' {
			return []Part{{Kind: Const, Text: constant.StringVal(tv.Value), Expr: a}}
		}
		return []Part{{Kind: Safe, Expr: a}}
	}
	t := tv.Type
	if t == nil {
		return []Part{dynamic(a, Unknown, types.ExprString(a))}
	}
	if safeType(t) {
		return []Part{{Kind: Safe, Expr: a}}
	}
	if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
		parts := ev.eval(a)
		if verb == 'q' {
			// %q quotes the Go way, which is not the SQL way.
			return []Part{ev.summary(a, parts)}
		}
		return parts
	}
	return []Part{ev.summary(a, ev.eval(a))}
}

// Verb is a piece of a format string: constant text (Verb == 0) or one
// formatting verb, which consumes Stars arguments for * widths first.
type Verb struct {
	Text  string
	Verb  rune
	Stars int
	// Src is the verb as written, flags and width included: "%-5d".
	Src string
}

// ParseFormat splits a fmt format string into text and verbs. It returns
// false for formats it cannot represent exactly: explicit argument
// indexes, a verb left unfinished at the end, a verb that is not a letter.
func ParseFormat(format string) ([]Verb, bool) {
	var out []Verb
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			out = append(out, Verb{Text: text.String()})
			text.Reset()
		}
	}
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			text.WriteByte(c)
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			text.WriteByte('%')
			continue
		}
		v := Verb{}
		start := i - 1
		for ; i < len(format); i++ {
			c := format[i]
			switch {
			case c == '[':
				return nil, false
			case c == '*':
				v.Stars++
				continue
			case strings.IndexByte("+-# 0.", c) >= 0 || '0' <= c && c <= '9':
				continue
			}
			break
		}
		if i >= len(format) {
			return nil, false // ends inside a verb: fmt prints %!(NOVERB)
		}
		r := rune(format[i])
		if !unicode.IsLetter(r) || r >= utf8.RuneSelf {
			return nil, false // fmt's verbs are ASCII letters
		}
		v.Verb = r
		v.Src = format[start : i+1]
		flush()
		out = append(out, v)
	}
	flush()
	return out, true
}

// literalField evaluates a field of a struct that a local variable holds
// when the function built it there, in a literal or with a constructor
// of the package that puts a parameter in the field, and nothing sets
// the field afterwards:
//
//	q := &Query{SQL: r.FormValue("q")}; db.Query(q.SQL)
//	cfg := newConfig(r.FormValue("v")); db.Query(cfg.Value)
func (ev *Evaluator) literalField(e *ast.SelectorExpr, field string, depth int) ([]Part, bool) {
	root := ast.Unparen(e.X)
	if star, ok := root.(*ast.StarExpr); ok {
		root = ast.Unparen(star.X)
	}
	id, ok := root.(*ast.Ident)
	if !ok {
		return nil, false
	}
	v, ok := ev.Info.Uses[id].(*types.Var)
	if !ok {
		return nil, false
	}
	return ev.fieldOf(e, v, field, depth)
}

func (ev *Evaluator) fieldOf(e ast.Expr, v *types.Var, field string, depth int) ([]Part, bool) {
	if depth > 4 || v.IsField() || isGlobal(v) || ev.Index.FieldSet(v) {
		return nil, false
	}
	if _, param := ev.Index.Param(v); param {
		return nil, false
	}
	ws := ev.Index.Writes(v)
	if len(ws) == 0 {
		return nil, false
	}
	var alts [][]Part
	for _, w := range ws {
		if w.RHS == nil && w.Kind == Assign && w.Decl {
			continue // var q *Query: set below
		}
		if !w.Sets() {
			return nil, false
		}
		rhs := ast.Unparen(w.RHS)
		if u, ok := rhs.(*ast.UnaryExpr); ok && u.Op == token.AND {
			rhs = ast.Unparen(u.X)
		}
		// The value the literal or the constructor puts in the field; nil
		// for none (the zero value).
		var value ast.Expr
		var ok bool
		switch rhs := rhs.(type) {
		case *ast.CompositeLit:
			value, ok = keyedValue(rhs, field)
		case *ast.CallExpr:
			value, ok = ev.constructed(rhs, field)
		case *ast.Ident: // ptr := q
			w, isVar := ev.Info.Uses[rhs].(*types.Var)
			if !isVar {
				return nil, false
			}
			parts, ok := ev.fieldOf(e, w, field, depth+1)
			if !ok {
				return nil, false
			}
			alts = append(alts, parts)
			continue
		default:
			return nil, false
		}
		switch {
		case !ok:
			return nil, false
		case value == nil:
			alts = append(alts, []Part{{Kind: Const, Expr: e}})
		default:
			alts = append(alts, ev.eval(value))
		}
	}
	if len(alts) == 0 {
		return nil, false
	}
	return pick(e, alts), true
}

// keyedValue returns the value a keyed struct literal gives a field, nil
// when it gives none (the zero value); false for a literal without keys.
func keyedValue(lit *ast.CompositeLit, field string) (ast.Expr, bool) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			return nil, false
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == field {
			return kv.Value, true
		}
	}
	return nil, true
}

// constructed returns the argument of a call that a constructor of the
// package puts in the field of the struct it returns (newConfig(v)
// returns &Config{Value: v}), nil when every return leaves the field
// zero or constant; false when the constructor is not that simple.
func (ev *Evaluator) constructed(call *ast.CallExpr, field string) (ast.Expr, bool) {
	fn, _ := typeutil.Callee(ev.Info, call).(*types.Func)
	if fn == nil {
		return nil, false
	}
	fd := ev.Index.Decl(fn)
	if fd == nil || fd.Body == nil || fn.Signature().Variadic() {
		return nil, false
	}
	params := fn.Signature().Params()
	arg, ok, some := ast.Expr(nil), true, false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			some = true
			if len(n.Results) == 0 {
				ok = false
				return false
			}
			r := ast.Unparen(n.Results[0])
			if u, isAddr := r.(*ast.UnaryExpr); isAddr && u.Op == token.AND {
				r = ast.Unparen(u.X)
			}
			lit, isLit := r.(*ast.CompositeLit)
			if !isLit {
				ok = false
				return false
			}
			value, keyed := keyedValue(lit, field)
			if !keyed {
				ok = false
				return false
			}
			if value == nil || ev.Info.Types[value].Value != nil {
				return false // zero, or a constant
			}
			id, isIdent := ast.Unparen(value).(*ast.Ident)
			pv, _ := ev.Info.Uses[id].(*types.Var)
			if !isIdent || pv == nil {
				ok = false
				return false
			}
			i := -1
			for j := range params.Len() {
				if params.At(j) == pv {
					i = j
				}
			}
			if i < 0 || i >= len(call.Args) || arg != nil && arg != call.Args[i] {
				ok = false
				return false
			}
			arg = call.Args[i]
		}
		return ok
	})
	return arg, ok && some
}
