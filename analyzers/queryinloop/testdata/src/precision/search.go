package precision

import (
	"context"
	"database/sql"
	"errors"
)

// firstClient tries the audiences of a token until one is a registered
// client (hydra's logout): a miss continues, the first hit leaves. One
// query per item only when nothing matches.
func firstClient(ctx context.Context, audiences []string) (string, error) {
	var found string
	for _, aud := range audiences {
		var name string
		err := db.QueryRowContext(ctx, "SELECT name FROM clients WHERE id = $1", aud).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return "", err
		}
		found = name
		break
	}
	return found, nil
}

// conflicting returns the first address another identity holds (kratos).
func conflicting(ctx context.Context, addresses []string) (string, error) {
	for _, a := range addresses {
		owner, err := ownerOf(ctx, a)
		if err != nil {
			continue
		}
		return owner, nil
	}
	return "", nil
}

// byField looks the identity up by each configured field in turn and
// stops at the first that finds it (pocketbase's password sign-in).
func byField(ctx context.Context, fields []string, identity string) (string, error) {
	var found string
	var err error
	for _, f := range fields {
		found, err = ownerOf(ctx, f+":"+identity)
		if err == nil {
			break
		}
	}
	return found, err
}

func ownerOf(ctx context.Context, address string) (string, error) {
	var owner string
	err := db.QueryRowContext(ctx, "SELECT owner FROM addresses WHERE value = $1", address).Scan(&owner)
	return owner, err
}

// ownersAll looks like a search but keeps going after a hit: one query
// per address, whatever matches.
func ownersAll(ctx context.Context, addresses []string) []string {
	var out []string
	for _, a := range addresses {
		owner, err := ownerOf(ctx, a) // want `ownerOf in a loop runs one query per iteration`
		if err != nil {
			continue
		}
		out = append(out, owner)
	}
	return out
}

// updateSettings dispatches on the paths of an update mask: each branch
// writes its own setting once (memos' UpdateUserSetting).
func updateSettings(ctx context.Context, user int64, paths []string, locale, theme string) error {
	for _, path := range paths {
		switch path {
		case "locale":
			if _, err := db.ExecContext(ctx, "UPDATE settings SET locale = $1 WHERE user_id = $2", locale, user); err != nil {
				return err
			}
		case "theme":
			if _, err := db.ExecContext(ctx, "UPDATE settings SET theme = $1 WHERE user_id = $2", theme, user); err != nil {
				return err
			}
		}
	}
	return nil
}

// updateMemo dispatches with an if chain (memos' UpdateMemo).
func updateMemo(ctx context.Context, id int64, paths []string, pinned bool) error {
	for _, path := range paths {
		if path == "content" {
			continue
		} else if path == "pinned" {
			if _, err := db.ExecContext(ctx, "UPDATE organizer SET pinned = $1 WHERE memo_id = $2", pinned, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// touchNamed compares the item's field, not the loop's own value, with a
// constant: every item of that kind costs a query.
func touchNamed(ctx context.Context, items []struct{ Kind string }) {
	for _, it := range items {
		if it.Kind == "file" {
			db.ExecContext(ctx, "UPDATE files SET touched = now() WHERE kind = $1", it.Kind) // want `db.ExecContext in a loop runs one query per iteration`
		}
	}
}

// firstFree picks the first username nobody holds: the loop leaves on
// what the query scanned, a search.
func firstFree(ctx context.Context, candidates []string) (string, error) {
	for _, c := range candidates {
		var exists bool
		if err := db.QueryRowContext(ctx, "SELECT EXISTS(SELECT 1 FROM users WHERE username = $1)", c).Scan(&exists); err != nil {
			return "", err
		}
		if !exists {
			return c, nil
		}
	}
	return "", errors.New("none free")
}

type account struct{ prohibited bool }

type authenticator interface {
	authenticate(ctx context.Context, name string) (*account, error)
}

type ldapSource struct{}

func (ldapSource) authenticate(ctx context.Context, name string) (*account, error) {
	var a account
	err := db.QueryRowContext(ctx, "SELECT prohibited FROM users WHERE name = $1", name).Scan(&a.prohibited)
	return &a, err
}

var errProhibited = errors.New("prohibited")

type source struct{ cfg any }

func activeSources(ctx context.Context) []*source {
	rows, _ := db.QueryContext(ctx, "SELECT cfg FROM login_sources WHERE active")
	defer rows.Close()
	var out []*source
	for rows.Next() {
		out = append(out, &source{cfg: ldapSource{}})
	}
	return out
}

// signIn tries each login source until one authenticates the user
// (gitea's UserSignIn): success may return, under a further test.
func signIn(ctx context.Context, name string) (*account, error) {
	var err error
	for _, src := range activeSources(ctx) {
		auth, ok := src.cfg.(authenticator)
		if !ok {
			continue
		}
		var a *account
		a, err = auth.authenticate(ctx, name)
		if err == nil {
			if !a.prohibited {
				return a, nil
			}
			err = errProhibited
		}
	}
	return nil, err
}

// checkAll loads every item and only validates it: no search, each item
// costs a query.
func checkAll(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		var banned bool
		if err := db.QueryRowContext(ctx, "SELECT banned FROM users WHERE id = $1", id).Scan(&banned); err != nil { // want `QueryRowContext in a loop`
			return err
		}
		if banned {
			continue
		}
	}
	return nil
}

// countAll asks every shard: one round trip per database, which no
// query merges.
type cluster struct {
	shards []*sql.DB
	nodes  []struct{ db *sql.DB }
}

func (c *cluster) countAll(ctx context.Context, q string) (int, error) {
	total := 0
	for _, shard := range c.shards {
		var n int
		if err := shard.QueryRowContext(ctx, "SELECT count(*) FROM docs WHERE title = $1", q).Scan(&n); err != nil {
			return 0, err
		}
		total += n
	}
	for i := range c.nodes {
		c.nodes[i].db.ExecContext(ctx, "ANALYZE docs")
	}
	for _, node := range c.nodes {
		node.db.ExecContext(ctx, "ANALYZE docs")
	}
	return total, nil
}

// The handle is the same for every item: one query per item.
func (c *cluster) perItem(ctx context.Context, ids []int64) {
	for _, id := range ids {
		c.shards[0].ExecContext(ctx, "DELETE FROM docs WHERE id = $1", id) // want `ExecContext in a loop`
	}
}

// A return under an error test is no hit: each file's properties are
// loaded (gitea's package index builders).
func indexAll(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		var props string
		if err := db.QueryRowContext(ctx, "SELECT props FROM files WHERE id = $1", id).Scan(&props); err != nil { // want `QueryRowContext in a loop`
			return err
		}
		if len(props) > 0 {
			if err := decode(props); err != nil {
				return err
			}
		}
	}
	return nil
}

func decode(string) error { return nil }
