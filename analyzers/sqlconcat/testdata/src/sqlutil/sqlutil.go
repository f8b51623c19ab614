// Package sqlutil builds SQL for other packages and imports no SQL
// library: its helpers are summarized all the same.
package sqlutil

import (
	"fmt"
	"strings"
)

// OrderClause splices names in: its callers' arguments are judged.
func OrderClause(sort, dir string) string { // want OrderClause:`sql text: " ORDER BY "{param 0}" "{param 1}`
	return fmt.Sprintf(" ORDER BY %s %s", sort, dir)
}

// SearchCond splices a value between quotes.
func SearchCond(col, term string) string { // want SearchCond:`sql text: {param 0}" LIKE '%"{param 1}"%'"`
	return col + " LIKE '%" + strings.ReplaceAll(term, "%", "") + "%'"
}

// Placeholders returns "$start,$start+1,...": safe text made at run time.
func Placeholders(start, n int) string { // want Placeholders:`sql text: {safe}`
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "$%d", start+i)
	}
	return b.String()
}

// Questions returns "?,?,...".
func Questions(n int) string { // want Questions:`sql text: {safe}`
	return strings.Repeat(",?", n)[1:]
}

// Status is an enumeration: a constant-returning String method is no SQL
// helper, and gets no fact.
type Status int

func (s Status) String() string {
	if s == 0 {
		return "active"
	}
	return "closed"
}

// Greeting builds text that is not SQL.
func Greeting(name string) string { return "hello, " + name }
