package cacheops

import (
	"go/ast"
	"go/types"
	"regexp"
	"strings"
)

// An update that only steps counters (remain_quota = remain_quota - ?,
// hits = hits + 1), with at most a clock column beside them, is
// accounting: it runs on every use of the row, and a cache that followed
// each step would be no cache. A program that caches such a row reads
// its counters from the database where they decide something, or keeps
// them in the cache itself (INCRBY); the cached copy's counters are
// expected to lag. An update that sets anything else (a status, a name,
// a version beside the edit) changes what readers see and is judged as
// any other.

var (
	// step is the value of a counter step in an ORM's expression:
	// "remain_quota - ?", "hits + 1".
	step = regexp.MustCompile(`(?i)^\s*[\x60"]?(\w+)[\x60"]?\s*[-+]\s*(?:\?|\$\d+|\d+|:\w+)\s*$`)
	// setList is the SET list of an UPDATE statement.
	setList = regexp.MustCompile(`(?is)\bset\s+(.*?)(?:\s+where\b|\s+returning\b|$)`)
	// clock is a value read from the database's clock: NOW(),
	// CURRENT_TIMESTAMP.
	clock = regexp.MustCompile(`(?i)^\s*(?:\w+\(\s*\)|current_timestamp|localtimestamp)\s*$`)
)

// accounting reports whether an ORM update or an SQL UPDATE only steps
// counters.
func (r *Result) accounting(call *ast.CallExpr, name string, sql string) bool {
	if sql != "" {
		return accountingSQL(sql)
	}
	switch name {
	case "Update", "UpdateColumn":
		if len(call.Args) != 2 {
			return false
		}
		col, ok := r.ev.ConstText(call.Args[0])
		return ok && r.stepOf(call.Args[1], col)
	case "Updates", "UpdateColumns":
		if len(call.Args) != 1 {
			return false
		}
		lit, ok := ast.Unparen(call.Args[0]).(*ast.CompositeLit)
		if !ok {
			return false
		}
		if _, ok := r.pass.TypesInfo.TypeOf(lit).Underlying().(*types.Map); !ok {
			return false // a struct: the row's fields, not counters
		}
		steps := 0
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				return false
			}
			col, ok := r.ev.ConstText(kv.Key)
			switch {
			case !ok:
				return false
			case r.stepOf(kv.Value, col):
				steps++
			case !r.clockCall(kv.Value):
				return false
			}
		}
		return steps > 0
	}
	return false
}

// stepOf reports whether a value is an expression that steps col:
// gorm.Expr("col + ?", n).
func (r *Result) stepOf(e ast.Expr, col string) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	s, ok := r.ev.ConstText(call.Args[0])
	if !ok {
		return false
	}
	m := step.FindStringSubmatch(s)
	return m != nil && strings.EqualFold(m[1], col)
}

// clockCall reports whether a value is a call with no arguments: a
// reading of the clock (time.Now().Unix(), helper.GetTimestamp()), which
// carries none of the caller's data.
func (r *Result) clockCall(e ast.Expr) bool {
	for {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return false
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return true
		}
		e = inner // time.Now().Unix(): the inner call too
	}
}

// accountingSQL reports whether an UPDATE's SET list only steps counters
// (and reads the clock).
func accountingSQL(sql string) bool {
	m := setList.FindStringSubmatch(sql)
	if m == nil {
		return false
	}
	steps := 0
	for _, a := range splitTop(m[1]) {
		col, val, ok := strings.Cut(a, "=")
		if !ok {
			return false
		}
		col = strings.Trim(strings.TrimSpace(col), "`\"")
		if s := step.FindStringSubmatch(val); s != nil && strings.EqualFold(s[1], col) {
			steps++
		} else if !clock.MatchString(val) {
			return false
		}
	}
	return steps > 0
}

// splitTop splits a list at the commas outside parentheses.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, c := range s {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}
