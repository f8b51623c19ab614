package sqlconcat

import (
	"regexp"
	"strings"

	"github.com/crisislint/crisislint/internal/strexpr"
)

// where says how a part sits in the SQL text around it.
type where struct {
	// value: the part stands for a value (a literal, an operand of a
	// comparison, an element of IN or VALUES); otherwise it is a name or
	// a fragment of SQL.
	value bool
	// quoted: the part sits inside '...'; prefix and suffix are the text
	// between the quotes and the part ("%" in LIKE '%...%').
	quoted         bool
	prefix, suffix string
	// list: the part is an element of an IN (...) list.
	list bool
	// cond: the part stands where a condition goes (WHERE x, AND x).
	cond bool
}

// text renders parts as SQL a reader would see, with stand-ins for the
// parts whose text is not known: 0 for safe values, x for dynamic ones.
func text(parts []strexpr.Part) string {
	var b strings.Builder
	for _, p := range parts {
		switch p.Kind {
		case strexpr.Const:
			b.WriteString(p.Text)
		case strexpr.Safe:
			b.WriteString("0")
		default:
			b.WriteString("x")
		}
	}
	return b.String()
}

// valueBefore matches the end of SQL text after which a value comes.
var valueBefore = regexp.MustCompile(`(?i)(=|<|>|<>|!=|\blike|\bilike|\bbetween|\blimit|\boffset|\bthen|\belse|\bis|\bis not|\bescape)\s*$`)

// position tells where parts[i] sits in the SQL text.
func position(parts []strexpr.Part, i int) where {
	before, after := text(parts[:i]), text(parts[i+1:])
	if strings.Count(before, "'")%2 == 1 {
		w := where{value: true, quoted: true}
		w.prefix = before[strings.LastIndexByte(before, '\'')+1:]
		if j := strings.IndexByte(after, '\''); j >= 0 {
			w.suffix = after[:j]
		} else {
			w.quoted = false // an unterminated literal: still a value, no fix
		}
		return w
	}
	if qualifies.MatchString(after) {
		// SET n = %s.n + 1: the part names the table of a column, even
		// after an operator that a value would follow.
		return where{}
	}
	trimmed := strings.TrimRight(before, " \t\r\n")
	if strings.HasSuffix(trimmed, `"`) && valueBefore.MatchString(strings.TrimRight(trimmed[:len(trimmed)-1], " \t\r\n")) {
		return where{value: true} // a MySQL "..." literal
	}
	if valueBefore.MatchString(trimmed) || betweenAnd.MatchString(trimmed) {
		return where{value: true}
	}
	if condBefore.MatchString(trimmed) {
		return where{cond: true}
	}
	if open := openParen(trimmed); open >= 0 {
		head := strings.ToLower(strings.TrimRight(trimmed[:open], " \t\r\n"))
		tail := strings.TrimSpace(trimmed[open+1:])
		if tail == "" || strings.HasSuffix(tail, ",") {
			switch {
			case strings.HasSuffix(head, " in") || strings.HasSuffix(head, "\nin") || head == "in":
				return where{value: true, list: true}
			case strings.HasSuffix(head, "values") || strings.HasSuffix(head, "any") || strings.HasSuffix(head, "all"):
				return where{value: true}
			case strings.HasSuffix(head, "),") && strings.Contains(strings.ToLower(trimmed), "values"):
				return where{value: true} // a second row of VALUES (...), (...)
			}
		}
	}
	return where{}
}

// openParen returns the index of the last parenthesis of s not closed
// within s, or -1.
func openParen(s string) int {
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// qualifies matches the start of SQL text after a table or schema name
// that qualifies a column or table: ".max_index", ".\"id\"", ".`id`".
var qualifies = regexp.MustCompile("^\\.[A-Za-z_\"`]")

// betweenAnd matches the AND of BETWEEN x AND, after which a value comes.
var betweenAnd = regexp.MustCompile(`(?i)\bbetween\s+\S+\s+and$`)

// condBefore matches the end of SQL text after which a condition comes.
var condBefore = regexp.MustCompile(`(?i)\b(where|and|or|not|on|having)$`)
