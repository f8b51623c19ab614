// Package queryinloop defines an Analyzer that reports database round
// trips made once per iteration of a loop: the N+1 query problem.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain queryinloop prints it.
package queryinloop

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is queryinloop's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "queryinloop",
	Crisis: "51 queries for one page, 2 s responses",
	RawDocumentation: lint.RawDocumentation{
		Title: "a database query or redis command in each iteration of a loop (N+1)",
		Text: `A page of 50 posts that loads each post's author with its own query
makes 51 round trips; the page is fast in development, with 3 posts and
a local database, and slow in production.

queryinloop reports a call that sends a statement to a database
(database/sql, sqlx, pgx, gorm's finishers such as First, Find and
Save, xorm) or a command to redis, inside the body of a for or range
loop, a for rows.Next() loop included, or in a goroutine started per
iteration. The call may be written in the loop or reach the database
through any chain of calls, in the same package or another (through
analysis facts): the finding is at the call in the loop and names the
chain (loop → s.store.GetAuthor → (*sql.DB).QueryRowContext).

It does not report retry and polling loops (a loop without a
collection, or that leaves as soon as the call succeeds), loops over a
small constant number of items or over a channel, batch APIs
(pgx.Batch.Queue, redis pipelines, sqlx.In), or a prepared *sql.Stmt
executed in a loop inside a transaction, the standard bulk-write idiom.`,
		Before: `
for i := range posts {
	posts[i].Author, err = s.store.GetAuthor(ctx, posts[i].AuthorID)
`,
		After: `
authors, err := s.store.GetAuthors(ctx, authorIDs(posts)) // WHERE id = ANY($1)
for i := range posts {
	posts[i].Author = authors[posts[i].AuthorID]
`,
		Severity: lint.SeverityWarning,
	},
	Fixes: false,
	Remedy: `There is no automatic fix: the message says what to use instead, for
the library at hand: one query with WHERE id = ANY($1) or IN (...),
sqlx.In, gorm's Preload, a pgx.Batch, a redis pipeline, and a
DataLoader in a GraphQL resolver.`,
})
