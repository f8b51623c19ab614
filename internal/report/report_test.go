package report

import (
	"slices"
	"strings"
	"testing"
)

func TestParseIgnore(t *testing.T) {
	for _, tc := range []struct {
		text    string
		ok      bool
		names   []string
		reason  string
		problem string
	}{
		{"//crisislint:ignore sqlconcat the column is from the allowlist", true, []string{"sqlconcat"}, "the column is from the allowlist", ""},
		{"//crisislint:ignore sqlconcat,readallbody  two reasons in one", true, []string{"sqlconcat", "readallbody"}, "two reasons in one", ""},
		{"//crisislint:ignore sqlconcat // golangci-lint style", true, []string{"sqlconcat"}, "golangci-lint style", ""},
		{"//crisislint:ignore sqlconcat -- dashed", true, []string{"sqlconcat"}, "dashed", ""},
		{"//crisislint:ignore\tsqlconcat\ttabs", true, []string{"sqlconcat"}, "tabs", ""},
		{"//crisislint:ignore sqlconcat", true, []string{"sqlconcat"}, "", "gives no reason"},
		{"//crisislint:ignore sqlconcat //", true, []string{"sqlconcat"}, "", "gives no reason"},
		{"//crisislint:ignore", true, nil, "", "names no analyzer and gives no reason"},
		{"//crisislint:ignore ,, why", true, nil, "why", "names no analyzer"},
		{"//crisislint:ignorex sqlconcat why", false, nil, "", ""},
		{"// crisislint:ignore sqlconcat why", true, []string{"sqlconcat"}, "why", "has a space after //"},
		{"//\tcrisislint:ignore sqlconcat why", true, []string{"sqlconcat"}, "why", "has a space after //"},
		{"/* crisislint:ignore sqlconcat why */", true, []string{"sqlconcat"}, "why", "is a block comment"},
		{"/*crisislint:ignore*/", true, nil, "", "is a block comment"},
		{"// crisislint:ignorex sqlconcat why", false, nil, "", ""},
		{"// see the crisislint:ignore comment above", false, nil, "", ""},
		{"//	//crisislint:ignore sqlconcat quoted in a doc comment", false, nil, "", ""},
		{"//nolint:errcheck", false, nil, "", ""},
	} {
		ig, ok, problem := ParseIgnore(tc.text)
		if ok != tc.ok || problem != tc.problem || !slices.Equal(ig.Names, tc.names) || ig.Reason != tc.reason {
			t.Errorf("ParseIgnore(%q) = %q, %q, %v, %q; want %q, %q, %v, %q",
				tc.text, ig.Names, ig.Reason, ok, problem, tc.names, tc.reason, tc.ok, tc.problem)
		}
	}
}

// FuzzParseIgnore checks that any comment parses without a panic, and that
// a well-formed directive keeps its names and reason when written back.
func FuzzParseIgnore(f *testing.F) {
	f.Add("//crisislint:ignore sqlconcat the reason")
	f.Add("//crisislint:ignore a,b -- c")
	f.Add("//crisislint:ignore")
	f.Add("//crisislint:ignore\t,\t//")
	f.Fuzz(func(t *testing.T, text string) {
		ig, ok, problem := ParseIgnore(text)
		if !ok || problem != "" {
			return
		}
		if len(ig.Names) == 0 || ig.Reason == "" {
			t.Fatalf("%q: well formed, but names %q and reason %q", text, ig.Names, ig.Reason)
		}
		again, ok, problem := ParseIgnore(Directive + " " + strings.Join(ig.Names, ",") + " " + ig.Reason)
		if !ok || problem != "" || !slices.Equal(again.Names, ig.Names) || again.Reason != ig.Reason {
			t.Fatalf("%q: written back, parses as %q %q (%v, %q)", text, again.Names, again.Reason, ok, problem)
		}
	})
}

func TestIsTestCode(t *testing.T) {
	for _, tc := range []struct {
		file, pkg string
		want      bool
	}{
		{"/x/store/store_test.go", "store", true},
		{"/x/models/migrations/base/tests.go", "base", true},
		{"/x/tests/test_utils.go", "tests", true},
		{"/x/store/testhelpers.go", "store", true},
		{"/x/internal/testutil/db.go", "testutil", true},
		{"/x/models/unittest/fixtures_loader.go", "unittest", true},
		{"/x/store/store.go", "store", false},
		{"/x/latest/latest.go", "latest", false},
		{"/x/contest/contest.go", "contest", false},
		{"/x/store/attestation.go", "store", false},
	} {
		if got := isTestCode(tc.file, tc.pkg); got != tc.want {
			t.Errorf("isTestCode(%q, %q) = %v, want %v", tc.file, tc.pkg, got, tc.want)
		}
	}
}
