// Package loops exercises queryinloop on database/sql.
package loops

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

type Post struct {
	ID, AuthorID int
	Author       string
}

// --- reported ---

func authors(ctx context.Context, db *sql.DB, posts []Post) {
	for i := range posts {
		db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", posts[i].AuthorID).Scan(&posts[i].Author) // want `db.QueryRowContext in a loop runs one query per iteration: N items cost N round trips \(N\+1\); fetch them all with one query \(WHERE id = ANY\(\$1\) in PostgreSQL, IN \(\?, \?, ...\) elsewhere\)`
	}
}

func nested(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "SELECT id, author_id FROM posts")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p Post
		rows.Scan(&p.ID, &p.AuthorID)
		db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", p.AuthorID).Scan(&p.Author) // want `db.QueryRowContext in a loop runs one query per iteration`
	}
	return rows.Err()
}

func loadAuthor(ctx context.Context, db *sql.DB, p *Post) error {
	return db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", p.AuthorID).Scan(&p.Author)
}

func viaHelper(ctx context.Context, db *sql.DB, posts []Post) {
	for i := 0; i < len(posts); i++ {
		loadAuthor(ctx, db, &posts[i]) // want `loadAuthor in a loop runs one query per iteration \(loop → loadAuthor → \(\*sql.DB\).QueryRowContext\)`
	}
}

func goroutines(ctx context.Context, db *sql.DB, ids []int) {
	for _, id := range ids {
		go func() {
			db.ExecContext(ctx, "UPDATE posts SET views = views + 1 WHERE id = $1", id) // want `db.ExecContext in a loop runs one query per iteration`
		}()
	}
}

func closure(ctx context.Context, db *sql.DB, ids []int) {
	load := func(id int) {
		db.QueryRowContext(ctx, "SELECT 1 FROM posts WHERE id = $1", id)
	}
	for _, id := range ids {
		load(id) // want `load in a loop runs one query per iteration \(loop → load → \(\*sql.DB\).QueryRowContext\)`
	}
}

type store struct{ db *sql.DB }

func (s *store) author(ctx context.Context, id int) string {
	var name string
	s.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name
}

func methodValue(ctx context.Context, s *store, posts []Post) {
	get := s.author
	for i, p := range posts {
		posts[i].Author = get(ctx, p.AuthorID) // want `get in a loop runs one query per iteration \(loop → get → \(\*loops.store\).author → \(\*sql.DB\).QueryRowContext\)`
	}
}

func counted(ctx context.Context, db *sql.DB, n int) {
	for i := range n {
		db.ExecContext(ctx, "INSERT INTO slots (n) VALUES ($1)", i) // want `db.ExecContext in a loop runs one query per iteration: N items cost N round trips \(N\+1\); write them together \(one multi-row INSERT`
	}
}

// --- not reported ---

func retry(ctx context.Context, db *sql.DB, attempts int) error {
	var err error
	for i := 0; i < attempts; i++ {
		if err = db.PingContext(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Second << i)
	}
	return err
}

func retryBreak(ctx context.Context, db *sql.DB, maxAttempts int) {
	for i := 0; i < maxAttempts; i++ {
		_, err := db.ExecContext(ctx, "UPDATE jobs SET state = 'done'")
		if err == nil {
			break
		}
	}
}

func poll(ctx context.Context, db *sql.DB) {
	for {
		var n int
		db.QueryRowContext(ctx, "SELECT count(*) FROM jobs").Scan(&n)
		if n == 0 {
			return
		}
		time.Sleep(time.Second)
	}
}

func fewTables(ctx context.Context, db *sql.DB) {
	for _, t := range []string{"users", "posts", "comments"} {
		db.ExecContext(ctx, "TRUNCATE "+t)
	}
	for i := 0; i < 3; i++ {
		db.ExecContext(ctx, "SELECT 1")
	}
	for range 5 {
		db.ExecContext(ctx, "SELECT 1")
	}
}

func consume(ctx context.Context, db *sql.DB, events <-chan int) {
	for id := range events {
		db.ExecContext(ctx, "INSERT INTO seen (id) VALUES ($1)", id)
	}
}

func bulkInsert(ctx context.Context, db *sql.DB, names []string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO users (name) VALUES ($1)")
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := stmt.ExecContext(ctx, n); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func stored(ctx context.Context, db *sql.DB, ids []int) []func() {
	var fns []func()
	for _, id := range ids {
		fns = append(fns, func() { db.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id) })
	}
	return fns
}

func outside(ctx context.Context, db *sql.DB, ids []int) {
	db.QueryContext(ctx, "SELECT * FROM posts WHERE id = ANY($1)", ids)
	for _, id := range ids {
		_ = id * 2
	}
}

func suppressed(ctx context.Context, db *sql.DB, ids []int) {
	for _, id := range ids {
		//crisislint:ignore queryinloop at most 3 ids, checked by the caller
		db.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id)
	}
}

type authenticator interface {
	Verify(ctx context.Context, db *sql.DB) bool
}

type basic struct{}

func (basic) Verify(ctx context.Context, db *sql.DB) bool {
	return db.QueryRowContext(ctx, "SELECT 1 FROM users").Err() == nil
}

// Trying each configured method is not a query per item.
func signIn(ctx context.Context, db *sql.DB, methods []authenticator, hooks []func(context.Context)) {
	for _, m := range methods {
		if m.Verify(ctx, db) {
			return
		}
	}
	for _, h := range hooks {
		h(ctx)
	}
}

// Looking for one item and loading it runs the query once.
func findFirst(ctx context.Context, db *sql.DB, attrs []string) {
	for _, a := range attrs {
		if a == "src" {
			db.QueryRowContext(ctx, "SELECT 1 FROM images WHERE src = $1", a)
			break
		}
	}
	for _, a := range attrs {
		switch strings.ToLower(a) {
		case "src":
			db.QueryRowContext(ctx, "SELECT 1 FROM images WHERE src = $1", a) // want `db.QueryRowContext in a loop runs one query per iteration`
			break                                                             // leaves the switch, not the loop
		}
	}
	for _, a := range attrs {
		db.QueryRowContext(ctx, "SELECT 1 FROM images WHERE src = $1", a)
		return
	}
}

// builtinApps is configuration: looping over it is not looping over data.
var builtinApps = []string{"git-credential-oauth", "git-credential-manager", "tea", "vscode", "intellij", "cli", "desktop", "mobile", "web", "api", "ci", "cd", "bot", "admin", "ops", "docs", "wiki"}

func initApps(ctx context.Context, db *sql.DB) {
	for _, app := range builtinApps {
		db.ExecContext(ctx, "INSERT INTO oauth_apps (name) VALUES ($1) ON CONFLICT DO NOTHING", app)
	}
}

// Chunks of ids make one query each.
func stats(ctx context.Context, db *sql.DB, ids []int) {
	for i := 0; i < len(ids); i += 500 {
		j := min(i+500, len(ids))
		db.QueryContext(ctx, "SELECT count(*) FROM issues WHERE id = ANY($1)", ids[i:j])
	}
}

var signingRules = "pubkey,twofa,always"

func parseRules(s string) []string { return []string{s} } // want parseRules:"returns a few items"

// Rules made from settings are configuration too.
func sign(ctx context.Context, db *sql.DB) {
	rules := parseRules(signingRules)
	for _, r := range rules {
		db.QueryRowContext(ctx, "SELECT 1 FROM keys WHERE rule = $1", r)
	}
}

// The repository is loaded once, on the first update that needs it.
func postReceive(ctx context.Context, db *sql.DB, updates []string) {
	var repo *sql.Row
	gotTags := false
	for _, u := range updates {
		if repo == nil {
			repo = db.QueryRowContext(ctx, "SELECT * FROM repos WHERE name = $1", u)
		}
		if !gotTags {
			db.QueryContext(ctx, "SELECT * FROM tags")
			gotTags = true
		}
	}
}

// Rows a query returns are data, though the query is a constant.
func recount(ctx context.Context, db *sql.DB, query func(string) []int) {
	ids := query("SELECT id FROM repos")
	for _, id := range ids {
		db.ExecContext(ctx, "UPDATE repos SET n = n + 1 WHERE id = $1", id) // want `db.ExecContext in a loop runs one query per iteration`
	}
}

// The inner loop finds the row to update and leaves; the outer one runs
// it once per language, with that language's own size: one UPDATE does
// not set a different size per row, so this is not an N+1.
func updateStats(ctx context.Context, db *sql.DB, stats map[string]int, old []string) {
	for lang := range stats {
		for _, o := range old {
			if o == lang {
				db.ExecContext(ctx, "UPDATE stats SET size = $1 WHERE lang = $2", stats[lang], lang)
				break
			}
		}
	}
}

// The same, with the same value for every language: one UPDATE with
// = ANY($1) would do.
func resetStats(ctx context.Context, db *sql.DB, stats map[string]int, old []string) {
	for lang := range stats {
		for _, o := range old {
			if o == lang {
				db.ExecContext(ctx, "UPDATE stats SET size = 0 WHERE lang = $1", lang) // want `db.ExecContext in a loop runs one query per iteration`
				break
			}
		}
	}
}

// Trying each principal until one matches is a search, as a test of the
// row that returns is: one query per item only when nothing matches (the
// principals of one certificate, the audiences of one token).
func principals(ctx context.Context, db *sql.DB, names []string) bool {
	for _, n := range names {
		row := db.QueryRowContext(ctx, "SELECT 1 FROM keys WHERE principal = $1", n)
		if row.Err() != nil {
			continue
		}
		return true
	}
	return false
}

// An error is no cache: each item is closed after the one before succeeded.
func closeAll(ctx context.Context, db *sql.DB, ids []int) {
	var err error
	for _, id := range ids {
		if err == nil {
			_, err = db.ExecContext(ctx, "UPDATE issues SET closed = true WHERE id = $1", id) // want `db.ExecContext in a loop runs one query per iteration`
		}
	}
}

// Chunks stepped in the body, a two-entry map, an error path, a per-key
// cache: none is a query per item.
func notPerItem(ctx context.Context, db *sql.DB, ids []int, names []string, cache map[string]int) {
	for i := 0; i < len(ids); {
		j := min(i+500, len(ids))
		db.QueryContext(ctx, "SELECT count(*) FROM issues WHERE id = ANY($1)", ids[i:j])
		i = j
	}
	props := map[string]string{"media": "json", "digest": "sha256"}
	for k, v := range props {
		db.ExecContext(ctx, "INSERT INTO props (k, v) VALUES ($1, $2)", k, v)
	}
	for _, id := range ids {
		if _, err := db.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil { // want `db.ExecContext in a loop runs one query per iteration`
			db.ExecContext(ctx, "INSERT INTO notices (text) VALUES ('delete failed')")
		}
	}
	for _, n := range names {
		id, ok := cache[n]
		if !ok {
			db.QueryRowContext(ctx, "SELECT id FROM orgs WHERE name = $1", n).Scan(&id)
			cache[n] = id
		}
	}
}

// A slice whose size the code fixes, filled by index, is walked a few
// times; one that is appended to, or a map whose make only hints at a
// size, grows with what it is given.
func fixedCodes(ctx context.Context, db *sql.DB, user int) {
	codes := make([]string, 4)
	for i := range codes {
		codes[i] = strings.Repeat("x", i)
	}
	for _, c := range codes {
		db.ExecContext(ctx, "INSERT INTO codes (user_id, code) VALUES ($1, $2)", user, c)
	}
	for _, c := range fourCodes() {
		db.ExecContext(ctx, "INSERT INTO codes (user_id, code) VALUES ($1, $2)", user, c)
	}
	grown := make([]string, 4)
	grown = append(grown, "y")
	for _, c := range grown {
		db.ExecContext(ctx, "INSERT INTO codes (user_id, code) VALUES ($1, $2)", user, c) // want `db.ExecContext in a loop runs one query per iteration`
	}
	byName := make(map[string]int, 4)
	byName[codes[0]] = user
	for name := range byName {
		db.ExecContext(ctx, "DELETE FROM codes WHERE code = $1", name) // want `db.ExecContext in a loop runs one query per iteration`
	}
}

func fourCodes() []string { // want fourCodes:"returns a few items"
	out := make([]string, 4)
	for i := range out {
		out[i] = strings.Repeat("y", i)
	}
	return out
}

// A worker per partition polls until the program stops it: the loop
// that starts the workers runs no query per item. A goroutine per item
// that retries until its query succeeds does.
func partitions(ctx context.Context, db *sql.DB, n int, g interface{ Go(func() error) }) {
	for i := 0; i < n; i++ {
		g.Go(func() error {
			for {
				select {
				case <-ctx.Done():
					return ctx.Err()
				default:
				}
				var id int
				if err := db.QueryRowContext(ctx, "SELECT id FROM outbox WHERE partition = $1 LIMIT 1", i).Scan(&id); err != nil {
					time.Sleep(time.Second)
				}
			}
		})
	}
	for i := 0; i < n; i++ {
		go func() {
			for {
				db.ExecContext(ctx, "DELETE FROM outbox WHERE partition = $1 AND done", i)
				time.Sleep(time.Minute)
			}
		}()
	}
}

func retryEach(ctx context.Context, db *sql.DB, ids []int) {
	for _, id := range ids {
		go func() {
			for {
				if _, err := db.ExecContext(ctx, "UPDATE posts SET synced = true WHERE id = $1", id); err == nil { // want `db.ExecContext in a loop runs one query per iteration`
					return
				}
				time.Sleep(time.Second)
			}
		}()
	}
}

// A map made from a literal of two constant keys and given one more
// constant key, once, holds three entries at most (gitea's cran
// properties): not data.
func fixedProperties(ctx context.Context, db *sql.DB, platform string) {
	props := map[string]string{"type": "binary", "version": "4.2"}
	if platform != "" {
		props["platform"] = platform
	}
	for k, v := range props {
		db.ExecContext(ctx, "INSERT INTO props (k, v) VALUES ($1, $2)", k, v)
	}
}

// The same map given a key per row, or a key the data chooses, grows
// with the data.
func grownProperties(ctx context.Context, db *sql.DB, names []string, name string) {
	props := map[string]string{"type": "binary"}
	for _, n := range names {
		props[n] = "1"
	}
	for k, v := range props {
		db.ExecContext(ctx, "INSERT INTO props (k, v) VALUES ($1, $2)", k, v) // want `db.ExecContext in a loop runs one query per iteration`
	}
	chosen := map[string]string{"type": "binary"}
	chosen[name] = "1"
	for k, v := range chosen {
		db.ExecContext(ctx, "INSERT INTO props (k, v) VALUES ($1, $2)", k, v) // want `db.ExecContext in a loop runs one query per iteration`
	}
}
