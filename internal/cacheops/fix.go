package cacheops

import (
	"go/ast"
	"go/types"

	"github.com/crisislint/crisislint/internal/fixes"
	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/analysis"
)

// Jitter returns the edits that add up to a tenth of a Fixed TTL at random
// to the TTL an operation's call passes (ttl + rand.N(ttl/10), with
// math/rand/v2), so keys written together do not expire together. The
// TTL keeps its type. ok is false when no safe edit exists: the TTL is not
// written at the call, a tenth of it is zero, or the file cannot import
// math/rand/v2 as rand.
func Jitter(pass *analysis.Pass, op *Op) (edits []analysis.TextEdit, ok bool) {
	if op.TTL == nil || op.Expiry != Fixed || op.TTLType == nil || op.Const/10 <= 0 {
		return nil, false
	}
	if op.Lib == "memcache" && op.Const+op.Const/10 > knowledge.MemcacheMaxRelative {
		return nil, false // past 30 days memcache reads a Unix time
	}
	file := report.File(pass, op.TTL.Pos())
	if file == nil {
		return nil, false
	}
	text, ok := Source(pass, op.TTL)
	if !ok {
		return nil, false
	}
	randName, edits, ok := fixes.Import(pass, file, "math/rand/v2", "rand")
	if !ok {
		return nil, false
	}
	bound := text
	if _, binary := ast.Unparen(op.TTL).(*ast.BinaryExpr); binary {
		bound = "(" + text + ")"
	}
	if !typedOperand(pass, op.TTL) {
		// An untyped constant (300): convert it, so rand.N draws the
		// TTL's type and not int.
		typ, more, ok := typeText(pass, file, op.TTLType)
		if !ok {
			return nil, false
		}
		edits = append(edits, more...)
		bound = typ + "(" + text + ")"
	}
	edits = append(edits, analysis.TextEdit{
		Pos: op.TTL.Pos(), End: op.TTL.End(),
		NewText: []byte(text + " + " + randName + ".N(" + bound + "/10)"),
	})
	return edits, true
}

// typedOperand reports whether an expression has an operand of a type
// of its own, a typed constant or a variable (time.Minute, ttl), that
// gives the whole expression its type.
func typedOperand(pass *analysis.Pass, e ast.Expr) bool {
	typed := false
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || typed {
			return !typed
		}
		switch obj := pass.TypesInfo.Uses[id].(type) {
		case *types.Var:
			typed = true
		case *types.Const:
			b, basic := obj.Type().(*types.Basic)
			typed = !basic || b.Info()&types.IsUntyped == 0
		}
		return !typed
	})
	return typed
}

// typeText spells a type as file can refer to it, with the import it
// needs.
func typeText(pass *analysis.Pass, file *ast.File, t types.Type) (string, []analysis.TextEdit, bool) {
	switch t := types.Unalias(t).(type) {
	case *types.Basic:
		return t.Name(), nil, true
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() == nil || obj.Pkg() == pass.Pkg {
			return obj.Name(), nil, true
		}
		name, edits, ok := fixes.Import(pass, file, obj.Pkg().Path(), obj.Pkg().Name())
		return name + "." + obj.Name(), edits, ok
	}
	return "", nil, false
}

// Source returns the source text of a node as written.
func Source(pass *analysis.Pass, n ast.Node) (string, bool) {
	tf := pass.Fset.File(n.Pos())
	if tf == nil {
		return "", false
	}
	content, err := pass.ReadFile(tf.Name())
	if err != nil {
		return "", false
	}
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	if start < 0 || end > len(content) || start > end {
		return "", false
	}
	return string(content[start:end]), true
}

// AddExpiry returns the edits that give a write without expiry one of an
// hour, with up to a tenth of it at random so the keys written together
// do not expire together: in place of a TTL of "never", as a gomemcache
// item's Expiration, as ristretto's SetWithTTL, or as a rueidis EX.
func AddExpiry(pass *analysis.Pass, op *Op) (edits []analysis.TextEdit, ok bool) {
	file := report.File(pass, op.Call.Pos())
	if file == nil || op.Expiry != Forever {
		return nil, false
	}
	randName, edits, ok := fixes.Import(pass, file, "math/rand/v2", "rand")
	if !ok {
		return nil, false
	}
	hour := func(unit knowledge.TTLUnit, t types.Type) (string, bool) {
		switch unit {
		case knowledge.Duration:
			timeName, more, ok := fixes.Import(pass, file, "time", "time")
			if !ok {
				return "", false
			}
			edits = append(edits, more...)
			return timeName + ".Hour + " + randName + ".N(" + timeName + ".Hour/10)", true
		case knowledge.Seconds, knowledge.Milliseconds:
			b, ok := types.Unalias(t).(*types.Basic)
			if !ok || b.Info()&types.IsInteger == 0 {
				return "", false
			}
			n := "3600"
			if unit == knowledge.Milliseconds {
				n = "3600000"
			}
			return n + " + " + randName + ".N(" + b.Name() + "(" + n + ")/10)", true
		}
		return "", false
	}
	sel, _ := ast.Unparen(op.Call.Fun).(*ast.SelectorExpr)
	switch {
	case op.TTL != nil:
		text, ok := hour(op.Unit, op.TTLType)
		if !ok {
			return nil, false
		}
		return append(edits, analysis.TextEdit{Pos: op.TTL.Pos(), End: op.TTL.End(), NewText: []byte(text)}), true
	case op.Item != nil:
		text, ok := hour(knowledge.Seconds, types.Typ[types.Int32])
		if !ok {
			return nil, false
		}
		lit := op.Item
		if n := len(lit.Elts); n > 0 {
			edits = append(edits, analysis.TextEdit{Pos: lit.Elts[n-1].End(), End: lit.Elts[n-1].End(), NewText: []byte(", " + knowledge.ItemTTL + ": " + text)})
		} else {
			edits = append(edits, analysis.TextEdit{Pos: lit.Lbrace + 1, End: lit.Lbrace + 1, NewText: []byte(knowledge.ItemTTL + ": " + text)})
		}
		return edits, true
	case op.Lib == "ristretto" && op.Direct() && sel != nil && sel.Sel.Name == "Set":
		text, ok := hour(knowledge.Duration, nil)
		if !ok {
			return nil, false
		}
		return append(edits,
			analysis.TextEdit{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte("SetWithTTL")},
			analysis.TextEdit{Pos: op.Call.Rparen, End: op.Call.Rparen, NewText: []byte(", " + text)}), true
	case op.Lib == "redis" && op.Direct() && sel != nil && sel.Sel.Name == "Build":
		text, ok := hour(knowledge.Duration, nil)
		if !ok {
			return nil, false
		}
		return append(edits, analysis.TextEdit{Pos: sel.X.End(), End: sel.X.End(), NewText: []byte(".Ex(" + text + ")")}), true
	}
	return nil, false
}
