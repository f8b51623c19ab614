package analyzers_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/crisislint/crisislint/analyzers"
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"github.com/crisislint/crisislint/internal/engine"
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

// A fact's encoding must be the same every time: the checker's sanity
// check (analysistest, -debug) encodes it twice and panics when the two
// differ, and gob writes a map in its random iteration order. A map with
// one key passes every test until a package has two, so no fact of any
// analyzer, or of the analyzers they require, may hold a map.
func TestFactsHoldNoMaps(t *testing.T) {
	for _, a := range engine.Order(analyzers.All) {
		for _, f := range a.FactTypes {
			if path := mapIn(reflect.TypeOf(f), reflect.TypeOf(f).String(), make(map[reflect.Type]bool)); path != "" {
				t.Errorf("%s: fact %T holds a map (%s): its encoding is not deterministic; use a sorted slice", a.Name, f, path)
			}
		}
	}
}

// mapIn returns the path to a map type reachable from t, or "".
func mapIn(t reflect.Type, path string, seen map[reflect.Type]bool) string {
	if seen[t] {
		return ""
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Map:
		return path
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return mapIn(t.Elem(), path+"[]", seen)
	case reflect.Struct:
		for f := range t.Fields() {
			if !f.IsExported() {
				continue // gob encodes exported fields only
			}
			if p := mapIn(f.Type, path+"."+f.Name, seen); p != "" {
				return p
			}
		}
	}
	return ""
}
