package knowledge

import (
	"net/http"
	"testing"
)

// TestJobDeliveryHeaders checks that the table's names are canonical: the
// analyzers compare them with the canonical form of the name a handler
// reads, and a name written otherwise would never match.
func TestJobDeliveryHeaders(t *testing.T) {
	for name := range JobDeliveryHeaders {
		if c := http.CanonicalHeaderKey(name); c != name {
			t.Errorf("JobDeliveryHeaders: %q is not canonical: %q", name, c)
		}
	}
}
