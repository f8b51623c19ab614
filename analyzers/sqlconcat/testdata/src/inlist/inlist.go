// Package inlist has the hand-rolled placeholder lists of code written // want package:"uses sql" package:"sql dialect: [$]N"
// before sqlx.In: slices made with make and filled in a loop, joined into
// an IN list.
package inlist

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	_ "github.com/lib/pq"
)

// --- not flagged: placeholders, numbers ---

func dollarByIndex(ctx context.Context, db *sql.DB, ids []string) {
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		ph[i] = "$" + strconv.Itoa(i+1)
		args[i] = id
	}
	db.QueryContext(ctx, "SELECT 1 FROM t WHERE id IN ("+strings.Join(ph, ",")+")", args...)
}

func dollarAppended(ctx context.Context, db *sql.DB, ids []string) {
	ph := make([]string, 0, len(ids))
	for i := range ids {
		ph = append(ph, fmt.Sprintf("$%d", i+1))
	}
	db.QueryContext(ctx, fmt.Sprintf("SELECT 1 FROM t WHERE id IN (%s)", strings.Join(ph, ",")))
}

func questionMarks(ctx context.Context, db *sql.DB, ids []string) {
	ph := make([]string, len(ids))
	for i := range ph {
		ph[i] = "?"
	}
	db.QueryContext(ctx, "SELECT 1 FROM t WHERE id IN ("+strings.Join(ph, ",")+")")
}

func numbers(ctx context.Context, db *sql.DB, ids []int64) {
	strs := make([]string, len(ids))
	for i, id := range ids {
		strs[i] = strconv.FormatInt(id, 10)
	}
	db.QueryContext(ctx, "SELECT 1 FROM t WHERE id IN ("+strings.Join(strs, ",")+")")
}

func rows(ctx context.Context, db *sql.DB, ids []string) {
	ph := make([]string, 0, len(ids))
	for i := range ids {
		ph = append(ph, fmt.Sprintf("($%d)", i+1))
	}
	db.QueryContext(ctx, "INSERT INTO t (id) VALUES "+strings.Join(ph, ","))
}

// Placeholder lists cut from constant-made text.
func repeated(ctx context.Context, db *sql.DB, ids []any) {
	db.QueryContext(ctx, "SELECT 1 FROM t WHERE id IN ("+strings.Repeat(",?", len(ids))[1:]+")", ids...)
	db.QueryContext(ctx, "SELECT 1 FROM t WHERE id IN ("+questions(len(ids))+")", ids...)
	db.QueryContext(ctx, "SELECT 1 FROM t WHERE id IN ("+bytePlaceholders(len(ids))+")", ids...)
	db.QueryContext(ctx, "SELECT 1 FROM t WHERE id = "+"$1,$2"[:2], ids...)
}

func questions(n int) string { return strings.Repeat(",?", n)[1:] }

func bytePlaceholders(n int) string {
	var b []byte
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '?')
	}
	return string(b)
}

// --- flagged: values spliced in ---

func quotedNames(ctx context.Context, db *sql.DB, names []string) {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = fmt.Sprintf("'%s'", n)
	}
	db.QueryContext(ctx, "SELECT id FROM users WHERE name IN ("+strings.Join(quoted, ",")+")") // want `runs SQL built from n, an element of parameter names`
}

// A slice filled by a call holds what the call put there.
func copied(ctx context.Context, db *sql.DB, names []string) {
	ph := make([]string, len(names))
	copy(ph, names)
	db.QueryContext(ctx, "SELECT id FROM users WHERE name IN ('"+strings.Join(ph, "','")+"')") // want `runs SQL built from ph`
}

func readInto(ctx context.Context, db *sql.DB, r *http.Request) {
	b := make([]byte, 16)
	io.ReadFull(r.Body, b)
	db.QueryContext(ctx, "SELECT id FROM users WHERE name = '"+string(b)+"'") // want `runs SQL built from b`
}

func sliced(ctx context.Context, db *sql.DB, name string) {
	db.QueryContext(ctx, "SELECT id FROM users WHERE name = '"+name[1:]+"'") // want `runs SQL built from parameter name`
}

// A receiver cut down holds what is left of the caller's text.
type filter string

func (f filter) cond() string { // want cond:`sql text: "name = '"{f in cond}"'"`
	f = f[1:]
	return "name = '" + string(f) + "'"
}

func byFilter(ctx context.Context, db *sql.DB, f filter) {
	db.QueryContext(ctx, "SELECT id FROM users WHERE "+f.cond()) // want `runs SQL built from f in cond`
}
