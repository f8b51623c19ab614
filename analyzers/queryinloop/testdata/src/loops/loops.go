// Package loops exercises queryinloop on database/sql.
package loops

import (
	"context"
	"database/sql"
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
