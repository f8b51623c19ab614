// Package pq is a fake of github.com/lib/pq.
package pq

func QuoteIdentifier(name string) string { return `"` + name + `"` }
func QuoteLiteral(literal string) string { return `'` + literal + `'` }
