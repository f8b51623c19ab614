package analyzers_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/analysis"
)

// The names are a public interface: every analyzer must be one of the
// catalogue's, documented, and valid for every driver.
func TestAll(t *testing.T) {
	if err := analysis.Validate(analyzers.All); err != nil {
		t.Fatal(err)
	}
	for _, a := range analyzers.All {
		if !slices.Contains(knowledge.Analyzers, a.Name) {
			t.Errorf("analyzer %s is not in knowledge.Analyzers, the list of public names", a.Name)
		}
		if !strings.HasPrefix(a.Doc, a.Name+": ") {
			t.Errorf("analyzer %s: doc must start with %q", a.Name, a.Name+": ")
		}
		if !strings.Contains(a.Doc, "Bad:") && a.Name != "badignore" {
			t.Errorf("analyzer %s: doc has no Bad: example", a.Name)
		}
		if analyzers.ByName(a.Name) != a {
			t.Errorf("ByName(%q) does not find it", a.Name)
		}
	}
}
