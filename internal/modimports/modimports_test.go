package modimports_test

import (
	"testing"

	"github.com/crisislint/crisislint/internal/modimports"
)

func TestReaches(t *testing.T) {
	// main builds the server, which imports the handlers; admin is an
	// unrelated server of the module; a cycle must not loop.
	g := modimports.Graph{
		"m/cmd":      {"m/server"},
		"m/server":   {"m/handlers", "m/util"},
		"m/handlers": {"m/util"},
		"m/admin":    {"m/util"},
		"m/a":        {"m/b"},
		"m/b":        {"m/a"},
	}
	for _, tc := range []struct {
		from []string
		pkg  string
		want bool
	}{
		{[]string{"m/cmd"}, "m/handlers", true},
		{[]string{"m/server"}, "m/server", true},
		{[]string{"m/admin"}, "m/handlers", false},
		{[]string{"m/handlers"}, "m/server", false},
		{nil, "m/handlers", false},
		{[]string{"m/a"}, "m/handlers", false},
		{[]string{"m/admin", "m/cmd"}, "m/util", true},
	} {
		if got := g.Reaches(tc.from, tc.pkg); got != tc.want {
			t.Errorf("Reaches(%v, %s) = %t, want %t", tc.from, tc.pkg, got, tc.want)
		}
	}
}
