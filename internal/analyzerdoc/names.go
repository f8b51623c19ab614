package analyzerdoc

import (
	"slices"
)

// Reserved are the catalogue's names of analyzers not built yet. Names
// are a public interface: a suppression comment may name one before its
// analyzer exists, and badignore must not call that a typo. When an
// analyzer joins analyzers.All its name leaves this list (a test of
// package analyzers checks that), so analyzers.All stays the one list of
// the analyzers there are.
var Reserved = []string{}

// Known reports whether name is the name of a crisislint analyzer: one
// linked into the program, or one the catalogue reserves.
func Known(name string) bool {
	return Of(name) != nil || slices.Contains(Reserved, name)
}

// Names returns every known name, sorted.
func Names() []string {
	return slices.Sorted(slices.Values(append(Documented(), Reserved...)))
}
