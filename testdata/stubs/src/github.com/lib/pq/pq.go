// Package pq is a fake of github.com/lib/pq.
package pq

func QuoteIdentifier(name string) string { return `"` + name + `"` }
func QuoteLiteral(literal string) string { return `'` + literal + `'` }

// Array wraps a slice as a PostgreSQL array argument.
func Array(a any) any { return a }
