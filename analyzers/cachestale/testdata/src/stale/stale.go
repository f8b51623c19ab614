// Package stale caches users and updates them, with and without
// invalidating the cached copies, and writes cache entries without
// expiry.
package stale

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/dgraph-io/ristretto/v2"
	gocache "github.com/patrickmn/go-cache"
	"github.com/redis/go-redis/v9"
	"github.com/redis/rueidis"
	"gorm.io/gorm"
)

type User struct {
	ID   string
	Name string
	Bio  string
}

type Post struct {
	ID    string
	Title string
}

type Store struct {
	db    *sql.DB
	orm   *gorm.DB
	rdb   *redis.Client
	mc    *memcache.Client
	local *gocache.Cache
	rc    *ristretto.Cache[string, *User]
	rue   rueidis.Client
}

func userKey(id string) string { return "user:" + id }

// User caches rows of users under "user:*".
func (s *Store) User(ctx context.Context, id string) (*User, error) {
	var u User
	if data, err := s.rdb.Get(ctx, userKey(id)).Bytes(); err == nil && json.Unmarshal(data, &u) == nil {
		return &u, nil
	}
	err := s.db.QueryRowContext(ctx, "SELECT id, name, bio FROM users WHERE id = $1", id).Scan(&u.ID, &u.Name, &u.Bio)
	if err != nil {
		return nil, err
	}
	data, _ := json.Marshal(u)
	s.rdb.Set(ctx, userKey(id), data, 10*time.Minute)
	return &u, nil
}

func (s *Store) UpdateBio(ctx context.Context, id, bio string) error {
	_, err := s.db.ExecContext(ctx, "UPDATE users SET bio = $1 WHERE id = $2", bio, id) // want `s.db.ExecContext changes rows of user, which the program caches under "user:\*", and nothing here deletes the key afterwards: readers get the old row until it expires; delete the key \(user:<id>\) after the write`
	return err
}

func (s *Store) UpdateName(ctx context.Context, id, name string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET name = $1 WHERE id = $2", name, id); err != nil {
		return err
	}
	return s.rdb.Del(ctx, fmt.Sprintf("user:%s", id)).Err()
}

func (s *Store) Rename(ctx context.Context, id, name string) error {
	defer s.rdb.Del(ctx, userKey(id))
	_, err := s.db.ExecContext(ctx, "UPDATE users SET name = $1 WHERE id = $2", name, id)
	return err
}

// Refresh writes the new row over the cached one.
func (s *Store) Refresh(ctx context.Context, u *User) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET name = $1 WHERE id = $2", u.Name, u.ID); err != nil {
		return err
	}
	data, _ := json.Marshal(u)
	return s.rdb.Set(ctx, userKey(u.ID), data, 10*time.Minute).Err()
}

func (s *Store) invalidate(ctx context.Context, id string) {
	s.rdb.Unlink(ctx, userKey(id))
}

func (s *Store) Delete(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, "DELETE FROM users WHERE id = $1", id)
	s.invalidate(ctx, id)
	return err
}

// DeleteFirst deletes the key before the update: a reader in between
// puts the old row back.
func (s *Store) DeleteFirst(ctx context.Context, id, bio string) error {
	s.rdb.Del(ctx, userKey(id))
	_, err := s.db.ExecContext(ctx, "UPDATE users SET bio = $1 WHERE id = $2", bio, id) // want `s.db.ExecContext changes rows of user`
	return err
}

func (s *Store) SaveORM(u *User) error {
	return s.orm.Save(u).Error // want `s.orm.Save changes rows of user`
}

func (s *Store) BioORM(id, bio string) error {
	return s.orm.Model(&User{}).Where("id = ?", id).Update("bio", bio).Error // want `changes rows of user`
}

func (s *Store) ExpireORM(ctx context.Context, u *User) error {
	if err := s.orm.Save(u).Error; err != nil {
		return err
	}
	return s.rdb.Expire(ctx, userKey(u.ID), 0).Err()
}

// Comments are never cached: updating them leaves nothing stale.
func (s *Store) EditComment(ctx context.Context, id, text string) error {
	_, err := s.db.ExecContext(ctx, "UPDATE comments SET text = $1 WHERE id = $2", text, id)
	return err
}

// Counters stepped on every use are accounting: a cache that followed
// each step would be no cache (one-api's token quota).
func (s *Store) Spend(id string, n int64) error {
	return s.orm.Model(&User{}).Where("id = ?", id).Updates(map[string]interface{}{
		"quota":       gorm.Expr("quota - ?", n),
		"used":        gorm.Expr("used + ?", n),
		"accessed_at": time.Now().Unix(),
	}).Error
}

func (s *Store) Refund(id string, n int64) error {
	return s.orm.Model(&User{}).Where("id = ?", id).Update("quota", gorm.Expr("quota + ?", n)).Error
}

func (s *Store) Visit(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, "UPDATE users SET visits = visits + 1, seen_at = NOW() WHERE id = $1", id)
	return err
}

// An edit that also steps a version, or a counter set from another
// column, or a status set beside a counter, is an edit.
func (s *Store) EditVersioned(ctx context.Context, id, bio string) error {
	_, err := s.db.ExecContext(ctx, "UPDATE users SET bio = $1, version = version + 1 WHERE id = $2", bio, id) // want `s.db.ExecContext changes rows of user`
	return err
}

func (s *Store) Grant(u *User, n int64) error {
	return s.orm.Model(u).Update("quota", gorm.Expr("bonus + ?", n)).Error // want `changes rows of user`
}

func (s *Store) Exhaust(u *User, n int64) error {
	return s.orm.Model(u).Updates(map[string]interface{}{ // want `changes rows of user`
		"quota":  gorm.Expr("quota - ?", n),
		"status": 2,
	}).Error
}

// setBio is called by SetBio, which invalidates: it is judged there.
func (s *Store) setBio(ctx context.Context, id, bio string) error {
	_, err := s.db.ExecContext(ctx, "UPDATE users SET bio = $1 WHERE id = $2", bio, id)
	return err
}

func (s *Store) SetBio(ctx context.Context, id, bio string) error {
	if err := s.setBio(ctx, id, bio); err != nil {
		return err
	}
	s.invalidate(ctx, id)
	return nil
}

func (s *Store) ClearBio(ctx context.Context, id string) error {
	return s.setBio(ctx, id, "") // want `s.setBio changes rows of user \(in s.setBio\)`
}

// Post caches a post forever.
func (s *Store) Post(ctx context.Context, id string) (*Post, error) {
	var p Post
	if err := s.db.QueryRowContext(ctx, "SELECT id, title FROM posts WHERE id = $1", id).Scan(&p.ID, &p.Title); err != nil {
		return nil, err
	}
	s.rdb.Set(ctx, "post:"+id, p.Title, 0) // want `s.rdb.Set caches "post:\*", loaded from the database, with no expiry`
	return &p, nil
}

func (s *Store) PostMemcache(ctx context.Context, id string) (string, error) {
	var title string
	if err := s.db.QueryRowContext(ctx, "SELECT title FROM posts WHERE id = $1", id).Scan(&title); err != nil {
		return "", err
	}
	s.mc.Set(&memcache.Item{Key: "post:" + id, Value: []byte(title)}) // want `s.mc.Set caches "post:\*", loaded from the database, with no expiry`
	return title, nil
}

func (s *Store) PostLocal(ctx context.Context, id string) (string, error) {
	var title string
	if err := s.db.QueryRowContext(ctx, "SELECT title FROM posts WHERE id = $1", id).Scan(&title); err != nil {
		return "", err
	}
	s.local.Set("post:"+id, title, gocache.NoExpiration) // want `s.local.Set caches "post:\*", loaded from the database, with no expiry`
	return title, nil
}

func (s *Store) UserRistretto(ctx context.Context, id string) (*User, error) {
	u := &User{ID: id}
	if err := s.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&u.Name); err != nil {
		return nil, err
	}
	s.rc.Set(id, u, 1) // want `s.rc.Set caches id, loaded from the database, with no expiry`
	return u, nil
}

func (s *Store) PostRueidis(ctx context.Context, id string) (string, error) {
	var title string
	if err := s.db.QueryRowContext(ctx, "SELECT title FROM posts WHERE id = $1", id).Scan(&title); err != nil {
		return "", err
	}
	s.rue.Do(ctx, s.rue.B().Set().Key("post:"+id).Value(title).Build()) // want `s.rue.B\(\).Set\(\) caches "post:\*", loaded from the database, with no expiry`
	return title, nil
}

// Session is not loaded from the database: a value the program made
// lives as long as it likes.
func (s *Store) Session(ctx context.Context, token string, userID string) error {
	return s.rdb.Set(ctx, "session:"+token, userID, 0).Err()
}

// UserCount caches a count: no row of users, and a user's new bio does
// not change it.
func (s *Store) UserCount(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil {
		return 0, err
	}
	s.rdb.Set(ctx, "stats:users", n, time.Minute)
	return n, nil
}

// PostOnce writes the post only when absent, and never expires it.
func (s *Store) PostOnce(ctx context.Context, id string) error {
	var title string
	if err := s.db.QueryRowContext(ctx, "SELECT title FROM posts WHERE id = $1", id).Scan(&title); err != nil {
		return err
	}
	return s.rdb.SetNX(ctx, "post:"+id, title, 0).Err() // want `s.rdb.SetNX caches "post:\*", loaded from the database, with no expiry`
}

func (s *Store) DeleteORM(id string) error {
	return s.orm.Delete(&User{}, "id = ?", id).Error // want `s.orm.Delete changes rows of user`
}

func (s *Store) UpdatesORM(u *User) error {
	return s.orm.Model(u).Updates(map[string]interface{}{"name": u.Name}).Error // want `changes rows of user`
}

// SET without expiry, then EXPIRE: the key does expire.
func (s *Store) PostThenExpire(ctx context.Context, id string) error {
	var title string
	if err := s.db.QueryRowContext(ctx, "SELECT title FROM posts WHERE id = $1", id).Scan(&title); err != nil {
		return err
	}
	if err := s.rdb.Set(ctx, "post:"+id, title, 0).Err(); err != nil {
		return err
	}
	return s.rdb.Expire(ctx, "post:"+id, time.Hour).Err()
}

// The expiry goes to another key.
func (s *Store) PostExpireOther(ctx context.Context, id string) error {
	var title string
	if err := s.db.QueryRowContext(ctx, "SELECT title FROM posts WHERE id = $1", id).Scan(&title); err != nil {
		return err
	}
	s.rdb.Set(ctx, "post:"+id, title, 0) // want `s.rdb.Set caches "post:\*", loaded from the database, with no expiry`
	return s.rdb.Expire(ctx, "posts:recent", time.Hour).Err()
}

// DelSpread deletes a list of keys built from the entity's key helper.
func (s *Store) DelSpread(ctx context.Context, id, bio, email string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET bio = $1 WHERE id = $2", bio, id); err != nil {
		return err
	}
	keys := []string{userKey(id), "email:" + email}
	return s.rdb.Del(ctx, keys...).Err()
}

// delKeys passes its keys on; delPrefixed makes each one in a loop.
func (s *Store) delKeys(ctx context.Context, keys ...string) error {
	return s.rdb.Del(ctx, keys...).Err()
}

func (s *Store) delPrefixed(ctx context.Context, keys ...string) error {
	full := make([]string, len(keys))
	for i, k := range keys {
		full[i] = "app:" + k
	}
	return s.rdb.Del(ctx, full...).Err()
}

func (s *Store) DelThroughWrapper(ctx context.Context, id, bio string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET bio = $1 WHERE id = $2", bio, id); err != nil {
		return err
	}
	return s.delKeys(ctx, "session:"+id, userKey(id))
}

func (s *Store) DelThroughLoop(ctx context.Context, id, bio string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET bio = $1 WHERE id = $2", bio, id); err != nil {
		return err
	}
	return s.delPrefixed(ctx, userKey(id))
}

// The spread list holds other keys only.
func (s *Store) DelSpreadOther(ctx context.Context, id, bio, email string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET bio = $1 WHERE id = $2", bio, id); err != nil { // want `s.db.ExecContext changes rows of user, which the program caches under`
		return err
	}
	keys := []string{"email:" + email}
	return s.rdb.Del(ctx, keys...).Err()
}

// DelAppendLoop deletes the keys it appends in a loop (unkey's fix: the
// keys made, then appended one per id, then spread into Del).
func (s *Store) DelAppendLoop(ctx context.Context, ids []string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET bio = '' WHERE id = ANY($1)", ids); err != nil {
		return err
	}
	keys := make([]string, 0, len(ids))
	for _, id := range ids {
		keys = append(keys, userKey(id))
	}
	return s.rdb.Del(ctx, keys...).Err()
}

// DelAppended appends the entity's key to a list of other keys.
func (s *Store) DelAppended(ctx context.Context, id, bio, email string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET bio = $1 WHERE id = $2", bio, id); err != nil {
		return err
	}
	keys := []string{"email:" + email}
	keys = append(keys, userKey(id))
	return s.rdb.Del(ctx, keys...).Err()
}

// invalidateUsers makes each key from an id, in a loop over its ids.
func (s *Store) invalidateUsers(ctx context.Context, ids ...string) {
	keys := make([]string, 0, len(ids))
	for _, id := range ids {
		keys = append(keys, userKey(id))
	}
	s.rdb.Del(ctx, keys...)
}

func (s *Store) DelThroughIDs(ctx context.Context, id, bio string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET bio = $1 WHERE id = $2", bio, id); err != nil {
		return err
	}
	s.invalidateUsers(ctx, id)
	return nil
}

// The list appended to holds other keys only.
func (s *Store) DelAppendOther(ctx context.Context, ids []string, emails []string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET bio = '' WHERE id = ANY($1)", ids); err != nil { // want `s.db.ExecContext changes rows of user, which the program caches under`
		return err
	}
	keys := make([]string, 0, len(emails))
	for _, e := range emails {
		keys = append(keys, "email:"+e)
	}
	return s.rdb.Del(ctx, keys...).Err()
}

// The entity's keys are gathered, but another list is deleted, and the
// gathered one only read.
func (s *Store) DelAppendUnused(ctx context.Context, ids []string, email string) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET bio = '' WHERE id = ANY($1)", ids); err != nil { // want `s.db.ExecContext changes rows of user, which the program caches under`
		return err
	}
	keys := make([]string, 0, len(ids))
	for _, id := range ids {
		keys = append(keys, userKey(id))
	}
	s.rdb.MGet(ctx, keys...)
	others := []string{"email:" + email}
	return s.rdb.Del(ctx, others...).Err()
}
