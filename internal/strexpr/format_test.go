package strexpr

import (
	"strings"
	"testing"
)

func TestParseFormat(t *testing.T) {
	verbs, ok := ParseFormat("SELECT * FROM %s WHERE name = '%-5s' AND n > %*d LIMIT 10%%")
	if !ok {
		t.Fatal("not ok")
	}
	var got []string
	for _, v := range verbs {
		if v.Verb == 0 {
			got = append(got, "text:"+v.Text)
		} else {
			got = append(got, "verb:"+v.Src)
		}
	}
	want := "text:SELECT * FROM |verb:%s|text: WHERE name = '|verb:%-5s|text:' AND n > |verb:%*d|text: LIMIT 10%"
	if s := strings.Join(got, "|"); s != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
	if verbs[5].Stars != 1 {
		t.Errorf("%%*d consumes %d extra arguments, want 1", verbs[5].Stars)
	}
	if _, ok := ParseFormat("%[2]s %[1]s"); ok {
		t.Error("explicit argument indexes must be refused")
	}
}

// FuzzParseFormat checks that any format parses without a panic, and that
// what it parses writes back to the same format: a fix that rewrites a
// format must not change the text around the verbs it keeps.
func FuzzParseFormat(f *testing.F) {
	f.Add("SELECT %s FROM t WHERE a = '%d' %%")
	f.Add("%")
	f.Add("%-08.3f%*d%[1]s")
	f.Fuzz(func(t *testing.T, format string) {
		verbs, ok := ParseFormat(format)
		if !ok {
			return
		}
		var b strings.Builder
		for _, v := range verbs {
			if v.Verb == 0 {
				b.WriteString(strings.ReplaceAll(v.Text, "%", "%%"))
			} else {
				b.WriteString(v.Src)
			}
		}
		if got := b.String(); got != format {
			t.Fatalf("%q parses back as %q", format, got)
		}
	})
}
