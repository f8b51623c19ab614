package analyzers_test

import (
	"slices"
	"testing"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"golang.org/x/tools/go/analysis"
)

// The names are a public interface: every analyzer must be documented,
// valid for every driver, and analyzers.All the one list of them.
func TestAll(t *testing.T) {
	if err := analysis.Validate(analyzers.All); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range analyzers.All {
		names = append(names, a.Name)
		d := analyzerdoc.Of(a.Name)
		if d == nil {
			t.Errorf("analyzer %s has no documentation: its doc.go must declare Doc with analyzerdoc.Register", a.Name)
			continue
		}
		if a.Doc != d.String() || a.URL != d.URL() {
			t.Errorf("analyzer %s: its Doc and URL must be made from its documentation", a.Name)
		}
		if d.Before == "" || d.After == "" {
			t.Errorf("analyzer %s: its documentation needs a bad and a good example (Before, After)", a.Name)
		}
		if analyzers.ByName(a.Name) != a {
			t.Errorf("ByName(%q) does not find it", a.Name)
		}
		if slices.Contains(analyzerdoc.Reserved, a.Name) {
			t.Errorf("analyzer %s is built: remove its name from analyzerdoc.Reserved", a.Name)
		}
	}
	slices.Sort(names)
	if got := analyzerdoc.Documented(); !slices.Equal(got, names) {
		t.Errorf("documented analyzers %q, but analyzers.All has %q: an analyzer package linked in is missing from All", got, names)
	}
}
