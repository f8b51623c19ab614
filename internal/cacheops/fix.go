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
