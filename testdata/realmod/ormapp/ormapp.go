// Package ormapp makes a round trip per item with the ORMs and query
// builders the tables do not name, whose effects come from their code:
// pop, ent (generated code on entgo.io/ent/dialect/sql), bun, squirrel,
// and a persister called through an interface. Each has a negative: the
// batch query outside the loop.
package ormapp

import (
	"context"
	"database/sql"

	sq "github.com/Masterminds/squirrel"
	"github.com/gobuffalo/pop/v6"
	"github.com/uptrace/bun"

	"realmod/ormapp/ent"
	"realmod/ormapp/ent/user"
	"realmod/ormapp/persistence"
)

type Post struct {
	ID       int `db:"id" bun:"id,pk"`
	AuthorID int `db:"author_id" bun:"author_id"`
}

type Author struct {
	ID   int    `db:"id" bun:"id,pk"`
	Name string `db:"name" bun:"name"`
}

// popAuthors loads each post's author with pop.
func popAuthors(tx *pop.Connection, posts []Post) ([]Author, error) {
	authors := make([]Author, len(posts))
	for i, p := range posts {
		if err := tx.Find(&authors[i], p.AuthorID); err != nil { // want `tx.Find in a loop runs one query per iteration \(loop → tx.Find → `
			return nil, err
		}
	}
	return authors, nil
}

// popComments loads each post's comments with a query of pop.
func popComments(tx *pop.Connection, posts []Post) error {
	for _, p := range posts {
		var comments []struct{ ID int }
		if err := tx.Where("post_id = ?", p.ID).All(&comments); err != nil { // want `tx.Where\("post_id = \?", p.ID\).All in a loop runs one query per iteration \(loop → `
			return err
		}
	}
	return nil
}

// popTouch writes a row per post with pop's raw queries.
func popTouch(tx *pop.Connection, posts []Post) error {
	for _, p := range posts {
		if err := tx.RawQuery("UPDATE posts SET touched_at = now() WHERE id = ?", p.ID).Exec(); err != nil { // want `Exec in a loop runs one query per iteration \(loop → `
			return err
		}
	}
	return nil
}

// popBatch loads the authors with one query.
func popBatch(tx *pop.Connection, posts []Post) ([]Author, error) {
	ids := make([]int, len(posts))
	for i, p := range posts {
		ids[i] = p.AuthorID
	}
	var authors []Author
	err := tx.Where("id IN (?)", ids).All(&authors)
	return authors, err
}

// entUsers loads each user with ent's generated client.
func entUsers(ctx context.Context, client *ent.Client, ids []int) ([]*ent.User, error) {
	var out []*ent.User
	for _, id := range ids {
		u, err := client.User.Get(ctx, id) // want `client.User.Get in a loop runs one query per iteration \(loop → client.User.Get → `
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// entTeams counts each team's users with a query builder of ent.
func entTeams(ctx context.Context, client *ent.Client, teams []int) (map[int]int, error) {
	n := make(map[int]int)
	for _, t := range teams {
		c, err := client.User.Query().Where(user.TeamID(t)).Count(ctx) // want `Count in a loop runs one query per iteration \(loop → `
		if err != nil {
			return nil, err
		}
		n[t] = c
	}
	return n, nil
}

// entBatch loads the users with one query.
func entBatch(ctx context.Context, client *ent.Client, ids []int) ([]*ent.User, error) {
	return client.User.Query().Where(user.IDIn(ids...)).All(ctx)
}

// bunAuthors loads each post's author with bun.
func bunAuthors(ctx context.Context, db *bun.DB, posts []Post) ([]Author, error) {
	authors := make([]Author, len(posts))
	for i, p := range posts {
		if err := db.NewSelect().Model(&authors[i]).Where("id = ?", p.AuthorID).Scan(ctx); err != nil { // want `Scan in a loop runs one query per iteration \(loop → `
			return nil, err
		}
	}
	return authors, nil
}

// bunBatch loads the authors with one query.
func bunBatch(ctx context.Context, db *bun.DB, ids []int) ([]Author, error) {
	var authors []Author
	err := db.NewSelect().Model(&authors).Where("id IN (?)", bun.In(ids)).Scan(ctx)
	return authors, err
}

// squirrelNames loads each author's name with squirrel.
func squirrelNames(db *sql.DB, posts []Post) ([]string, error) {
	var names []string
	for _, p := range posts {
		var name string
		if err := sq.Select("name").From("authors").Where(sq.Eq{"id": p.AuthorID}).RunWith(db).QueryRow().Scan(&name); err != nil { // want `QueryRow in a loop runs one query per iteration \(loop → `
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}

// squirrelBatch builds the query in a loop and runs it once.
func squirrelBatch(db *sql.DB, posts []Post) (*sql.Rows, error) {
	q := sq.Select("name").From("authors")
	ids := make([]int, 0, len(posts))
	for _, p := range posts {
		ids = append(ids, p.AuthorID)
		q = q.OrderBy("name")
	}
	return q.Where(sq.Eq{"id": ids}).RunWith(db).Query()
}

// Handler serves identities through a registry: the persister's
// implementation is in another package, which this one does not import.
type Handler struct {
	r persistence.Provider
}

func (h *Handler) identities(ctx context.Context, ids []string) ([]*persistence.Identity, error) {
	var out []*persistence.Identity
	for _, id := range ids {
		i, err := h.r.Persister().GetIdentity(ctx, id) // want `h.r.Persister\(\).GetIdentity in a loop runs one query per iteration \(loop → `
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, nil
}

func (h *Handler) identitiesBatch(ctx context.Context, ids []string) ([]persistence.Identity, error) {
	return h.r.Persister().ListIdentities(ctx, ids)
}

// NewHandler returns a handler on the registry.
func NewHandler(r persistence.Provider) *Handler { return &Handler{r: r} }
