package strexpr

import "testing"

func TestIdentifierPattern(t *testing.T) {
	for pattern, want := range map[string]bool{
		`^[a-zA-Z_][a-zA-Z0-9_]*$`: true,
		`^\w+$`:                    true,
		`\A[a-z_]+\z`:              true,
		`^(name|price|id)$`:        true,
		`^[a-z_ ,]+$`:              false, // spaces and commas: a list of terms, or worse
		`^[a-z_']+$`:               false, // a quote
		`[a-z_]+`:                  false, // not anchored: "id; DROP TABLE t" matches
		`^[a-z_]+`:                 false, // anchored at one end only
		`(?m)^[a-z_]+$`:            false, // anchored at a line: "id\nDROP TABLE t" matches
		`^.+$`:                     false,
		`^$`:                       false, // matches nothing worth splicing, and no column either
		`^[a-z`:                    false, // does not compile
	} {
		if got := identifierPattern(pattern); got != want {
			t.Errorf("identifierPattern(%q) = %v, want %v", pattern, got, want)
		}
	}
}
