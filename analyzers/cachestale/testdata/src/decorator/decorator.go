// Package decorator caches accounts in a decorator over the repository's
// interface: the decorator, which calls the repository through the
// interface, is where the key must be deleted.
package decorator

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

type Account struct {
	ID   int64
	Plan string
}

type AccountRepo interface {
	Get(ctx context.Context, id int64) (*Account, error)
	UpdatePlan(ctx context.Context, id int64, plan string) error
	Close(ctx context.Context, id int64) error
}

type sqlRepo struct{ db *sql.DB }

func (r *sqlRepo) Get(ctx context.Context, id int64) (*Account, error) {
	var a Account
	err := r.db.QueryRowContext(ctx, "SELECT id, plan FROM accounts WHERE id = $1", id).Scan(&a.ID, &a.Plan)
	return &a, err
}

// Judged at the decorator's call, which deletes the key.
func (r *sqlRepo) UpdatePlan(ctx context.Context, id int64, plan string) error {
	_, err := r.db.ExecContext(ctx, "UPDATE accounts SET plan = $1 WHERE id = $2", plan, id)
	return err
}

// Judged at the decorator's call, which forgets the key.
func (r *sqlRepo) Close(ctx context.Context, id int64) error {
	_, err := r.db.ExecContext(ctx, "DELETE FROM accounts WHERE id = $1", id)
	return err
}

// Nothing calls this one, through the interface or not: judged here.
func (r *sqlRepo) Rename(ctx context.Context, id int64, plan string) error {
	_, err := r.db.ExecContext(ctx, "UPDATE accounts SET plan = $1 WHERE id = $2", plan, id) // want `r.db.ExecContext changes rows of account, which the program caches under "account:\*"`
	return err
}

type cachedRepo struct {
	next AccountRepo
	rdb  *redis.Client
}

func New(db *sql.DB, rdb *redis.Client) AccountRepo {
	return &cachedRepo{next: &sqlRepo{db: db}, rdb: rdb}
}

func accountKey(id int64) string { return fmt.Sprintf("account:%d", id) }

func (c *cachedRepo) Get(ctx context.Context, id int64) (*Account, error) {
	if b, err := c.rdb.Get(ctx, accountKey(id)).Bytes(); err == nil {
		var a Account
		return &a, json.Unmarshal(b, &a)
	}
	a, err := c.next.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	b, _ := json.Marshal(a)
	c.rdb.Set(ctx, accountKey(id), b, 15*time.Minute)
	return a, nil
}

func (c *cachedRepo) UpdatePlan(ctx context.Context, id int64, plan string) error {
	if err := c.next.UpdatePlan(ctx, id, plan); err != nil {
		return err
	}
	return c.rdb.Del(ctx, accountKey(id)).Err()
}

func (c *cachedRepo) Close(ctx context.Context, id int64) error {
	return c.next.Close(ctx, id) // want `c.next.Close changes rows of account \(in c.next.Close\), which the program caches under "account:\*"`
}
