// Package mixed calls a repository most of whose methods take a context:
// the few that do not are methods to fix, one finding each, with the
// calls that reach them.
package mixed

import (
	"context"
	"database/sql"
	"net/http"
)

type Repo struct{ db *sql.DB }

func (p *Repo) A(ctx context.Context) { p.db.ExecContext(ctx, "DELETE FROM a") }
func (p *Repo) B(ctx context.Context) { p.db.ExecContext(ctx, "DELETE FROM b") }
func (p *Repo) C(ctx context.Context) { p.db.ExecContext(ctx, "DELETE FROM c") }
func (p *Repo) D(ctx context.Context) { p.db.ExecContext(ctx, "DELETE FROM d") }
func (p *Repo) E(ctx context.Context) { p.db.ExecContext(ctx, "DELETE FROM e") }
func (p *Repo) F(ctx context.Context) { p.db.ExecContext(ctx, "DELETE FROM f") }
func (p *Repo) G(ctx context.Context) { p.db.ExecContext(ctx, "DELETE FROM g") }
func (p *Repo) H(ctx context.Context) { p.db.ExecContext(ctx, "DELETE FROM h") }
func (p *Repo) I(ctx context.Context) { p.db.ExecContext(ctx, "DELETE FROM i") }

func (p *Repo) Old1() { p.db.Exec("DELETE FROM old1") }
func (p *Repo) Old2() { p.db.Exec("DELETE FROM old2") }
func (p *Repo) Old3() { p.db.Exec("DELETE FROM old3") }

var repo *Repo

func one(w http.ResponseWriter, r *http.Request) {
	repo.Old1() // want `^note: repo.Old1 does I/O that cannot be cancelled \(repo.Old1 → \(\*sql.DB\).Exec\): when the client goes away or times out, the work goes on and holds its connection or process; pass r.Context\(\) down and use ExecContext \(and 1 more call reaching \(\*mixed.Repo\).Old1 in this package\)$`
	repo.Old2() // want `^note: repo.Old2 does I/O that cannot be cancelled \(repo.Old2 → \(\*sql.DB\).Exec\): .*; pass r.Context\(\) down and use ExecContext$`
	repo.Old3() // want `^note: repo.Old3 does I/O`
}

func two(w http.ResponseWriter, r *http.Request) {
	repo.Old1() // related to one's
}
