package fixes

import (
	"bytes"
	"fmt"
	"testing"
)

func TestMerge(t *testing.T) {
	src := []byte("0123456789")
	read := func(string) ([]byte, error) { return src, nil }
	e := func(start, end int, text string) Edit { return Edit{File: "f.go", Start: start, End: end, New: text} }
	for _, tc := range []struct {
		name    string
		fixes   [][]Edit
		want    string
		applied []bool
	}{
		{"disjoint", [][]Edit{{e(1, 2, "a")}, {e(5, 6, "b")}}, "0a234b6789", []bool{true, true}},
		{"overlap skips the later fix whole", [][]Edit{{e(1, 4, "a")}, {e(3, 5, "b"), e(8, 9, "c")}}, "0a456789", []bool{true, false}},
		{"identical edits merge", [][]Edit{{e(0, 0, "I"), e(2, 3, "x")}, {e(0, 0, "I"), e(6, 7, "y")}}, "I01x345y789", []bool{true, true}},
		{"two insertions at one point go in fix order", [][]Edit{{e(4, 4, "a")}, {e(4, 4, "b")}}, "0123ab456789", []bool{true, true}},
		{"an insertion where a replacement starts conflicts", [][]Edit{{e(4, 6, "x")}, {e(4, 4, "b")}}, "0123x6789", []bool{true, false}},
		{"touching edits", [][]Edit{{e(2, 4, "a")}, {e(4, 6, "b")}}, "01ab6789", []bool{true, true}},
		{"insertions keep their order", [][]Edit{{e(3, 3, "a"), e(3, 3, "b")}}, "012ab3456789", []bool{true}},
	} {
		files, applied, err := Merge(tc.fixes, read)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := string(files["f.go"]); got != tc.want || fmt.Sprint(applied) != fmt.Sprint(tc.applied) {
			t.Errorf("%s: got %q %v, want %q %v", tc.name, got, applied, tc.want, tc.applied)
		}
	}
}

// FuzzMerge checks that merging never panics or writes out of range, and
// that the fixes it applies leave the rest of the file as it was.
func FuzzMerge(f *testing.F) {
	f.Add([]byte("package p\n\nfunc f() {}\n"), 3, 5, "x", 4, 9, "y")
	f.Fuzz(func(t *testing.T, src []byte, s1, e1 int, t1 string, s2, e2 int, t2 string) {
		clamp := func(v int) int { return max(0, min(v, len(src))) }
		s1, e1, s2, e2 = clamp(s1), clamp(e1), clamp(s2), clamp(e2)
		if e1 < s1 || e2 < s2 {
			return
		}
		fixes := [][]Edit{{{File: "f", Start: s1, End: e1, New: t1}}, {{File: "f", Start: s2, End: e2, New: t2}}}
		files, applied, err := Merge(fixes, func(string) ([]byte, error) { return src, nil })
		if err != nil {
			t.Fatal(err)
		}
		if !applied[0] {
			t.Fatal("the first fix is always applied")
		}
		out := files["f"]
		if !bytes.HasPrefix(out, src[:min(s1, s2)]) && applied[1] || !bytes.HasPrefix(out, src[:s1]) && !applied[1] {
			t.Fatalf("the text before the first edit changed: %q -> %q", src, out)
		}
	})
}

func TestFormatDropsImportsTheFixesLeftUnused(t *testing.T) {
	original := []byte("package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t_ \"embed\"\n)\n\nvar a = fmt.Sprint(1)\nvar b = os.Args\n")
	fixed := []byte("package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t_ \"embed\"\n)\n\nvar a = \"1\"\nvar b = os.Args\n")
	out, err := Format(original, fixed, func(path string) string { return path })
	if err != nil {
		t.Fatal(err)
	}
	want := "package p\n\nimport (\n\t_ \"embed\"\n\t\"os\"\n)\n\nvar a = \"1\"\nvar b = os.Args\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
