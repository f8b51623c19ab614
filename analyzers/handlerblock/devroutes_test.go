package handlerblock

import (
	"slices"
	"testing"
)

// TestNameWords checks how a setting's name splits into the words that
// say a mode: a word inside another (Latest, Device) is none.
func TestNameWords(t *testing.T) {
	for name, want := range map[string][]string{
		"IsInE2eTesting": {"is", "in", "e2e", "testing"},
		"IsProd":         {"is", "prod"},
		"DEBUG_MODE":     {"debug", "mode"},
		"isDEV":          {"is", "dev"},
		"HTTPServer":     {"http", "server"},
		"DisableDebug":   {"disable", "debug"},
		"Latest":         {"latest"},
		"DeviceID":       {"device", "id"},
	} {
		if got := nameWords(name); !slices.Equal(got, want) {
			t.Errorf("nameWords(%q) = %q, want %q", name, got, want)
		}
	}
}
