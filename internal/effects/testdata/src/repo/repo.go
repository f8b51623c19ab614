// Package repo has the effects a service inherits. // want package:"wants implementations of repo.Reader.Read"
package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

type Repo struct {
	db    *sql.DB
	cache map[int]string
	once  sync.Once
	user  *User

	tags       string
	tagsLoaded bool
	disabled   bool
	checked    time.Time
	revision   int
}

type User struct{ Name string }

func (r *Repo) Get(ctx context.Context, id int) string { // want Get:`effects: db\(\(\*sql.DB\).QueryRowContext\)`
	var s string
	r.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&s)
	return s
}

func (r *Repo) Legacy(id int) string { // want Legacy:`effects: db\(\(\*sql.DB\).QueryRow\), nocontext\(\(\*sql.DB\).QueryRow\)`
	var s string
	r.db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&s)
	return s
}

func (r *Repo) Fetch(ctx context.Context) error { // want Fetch:`effects: network\(\(\*http.Client\).Do\), detached\(remote: \(\*http.Client\).Do\)`
	req, err := http.NewRequestWithContext(context.Background(), "GET", "http://x", nil)
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

// UserInfo sends its context-less request on a client with a Timeout:
// bounded, it cannot go on for as long as the other side takes.
func UserInfo(token string) error { // want UserInfo:`effects: network\(\(\*http.Client\).Do\)$`
	req, err := http.NewRequest("GET", "https://api.example.com/user", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	client := http.Client{Timeout: 5 * time.Second}
	_, err = client.Do(req)
	return err
}

// Untimed sends its context-less request on a client without one.
func Untimed() error { // want Untimed:`effects: network\(\(\*http.Client\).Do\), nocontext\(remote: http.NewRequest\)`
	req, err := http.NewRequest("GET", "https://api.example.com/user", nil)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: http.DefaultTransport}
	_, err = client.Do(req)
	return err
}

// Page builds a request that no client can cancel.
func Page(url string) (*http.Request, error) { return http.NewRequest("GET", url, nil) } // want Page:`effects: nocontext\(remote: http.NewRequest\)`

func Wait() { time.Sleep(time.Second) } // want Wait:`effects: sleep\(time.Sleep\)`

// Both goes through two functions.
func (r *Repo) Both(ctx context.Context, id int) string { // want Both:`effects: db\(\(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\), sleep\(repo.Wait → time.Sleep\)`
	Wait()
	return r.Get(ctx, id)
}

// LoadUser is a lazy loader: whether it queries depends on the caller.
func (r *Repo) LoadUser(ctx context.Context) { // want LoadUser:`effects: db\[lazy\]\(\(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\)`
	if r.user != nil {
		return
	}
	r.user = &User{Name: r.Get(ctx, 1)}
}

// LoadTags is a lazy loader on a flag it raises itself.
func (r *Repo) LoadTags(ctx context.Context) { // want LoadTags:`effects: db\[lazy\]`
	if !r.tagsLoaded {
		r.tags = r.Get(ctx, 2)
		r.tagsLoaded = true
	}
}

// Revision reads the revision at most once a second, however often it is
// called: a cache that expires, as lazy as a field loaded once.
func (r *Repo) Revision(ctx context.Context) int { // want Revision:`effects: db\[lazy\]`
	age := time.Since(r.checked)
	if age < time.Second {
		return r.revision
	}
	r.revision = len(r.Get(ctx, 4))
	r.checked = time.Now()
	return r.revision
}

// Recent queries when the last check was recent: no cache, it queries.
func (r *Repo) Recent(ctx context.Context) int { // want Recent:`effects: db\(\(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\)`
	if time.Since(r.checked) < time.Minute {
		r.revision = len(r.Get(ctx, 5))
	}
	return r.revision
}

// Quiet skips its query on a setting, not a flag it raises: it still queries.
func (r *Repo) Quiet(ctx context.Context) { // want Quiet:`effects: db\(\(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\)`
	if r.disabled {
		return
	}
	r.Get(ctx, 3)
}

// Hook carries what a run has loaded so far.
type Hook struct {
	tags    string
	gotTags bool
	filter  *User
}

// HookTag loads the tags the first time a hook run needs them.
func HookTag(ctx context.Context, r *Repo, h *Hook) { // want HookTag:`effects: db\[lazy\]`
	if !h.gotTags {
		h.tags = r.Get(ctx, 4)
		h.gotTags = true
	}
}

// Fill loads into its parameter's empty field: how code loads per item, so
// it counts, unlike a flag the function raises.
func Fill(ctx context.Context, r *Repo, h *Hook) { // want Fill:`effects: db\(\(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\)`
	if h.filter == nil {
		h.filter = &User{Name: r.Get(ctx, 5)}
	}
}

// Warm queries once per process.
func (r *Repo) Warm(ctx context.Context) {
	r.once.Do(func() { r.Get(ctx, 1) })
}

// Async queries in a goroutine of its own: the load counts, the wait does not.
func (r *Repo) Async(ctx context.Context) { // want Async:`effects: db\(\(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\)`
	go func() {
		Wait()
		r.Get(ctx, 1)
	}()
}

// Serve consumes a channel: a worker, not a query per call.
func (r *Repo) Serve(ctx context.Context, ids <-chan int) { // want Serve:`effects: db\[worker\]`
	for id := range ids {
		r.Get(ctx, id)
	}
}

// Reader is implemented in this package: its method carries the effects.
type Reader interface {
	Read(ctx context.Context, id int) string // want Read:`effects: db\(\(\*repo.Repo\).Read → \(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\)`
}

func (r *Repo) Read(ctx context.Context, id int) string { return r.Get(ctx, id) } // want Read:`effects: db`

// Count is generic: its callers find its facts through its origin.
func Count[T any](ctx context.Context, db *sql.DB) int { // want Count:`effects: db\(\(\*sql.DB\).QueryRowContext\)`
	var n int
	db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n)
	return n
}

// Hash loads through a cache: the loader runs on a miss, not per call.
func (r *Repo) Hash(ctx context.Context, email string) string {
	return cacheGet(email, func() string { return r.Get(ctx, 1) })
}

func cacheGet(key string, load func() string) string { return load() }

// Cleanup queries only when it fails.
func (r *Repo) Cleanup(ctx context.Context) (err error) { // want Cleanup:`effects: db\[errorpath\]`
	defer func() {
		if err != nil {
			r.Get(ctx, 0)
		}
	}()
	return nil
}

// Mixed queries lazily through a short chain, and each time through a
// longer one: the effect it is known by is the one made each time.
func (r *Repo) Mixed(ctx context.Context) { // want Mixed:`effects: db\(\(\*repo.Repo\).Both → \(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\), sleep\(\(\*repo.Repo\).Both → repo.Wait → time.Sleep\)$`
	if r.user == nil {
		r.Get(ctx, 1)
	}
	r.Both(ctx, 2)
}

var users sync.Map // id → *User

// CachedUser loads a user once per id: its query is a cache's miss.
func (r *Repo) CachedUser(id int) *User { // want CachedUser:`effects: db\[cached\]\(\(\*sql.DB\).QueryRow\), nocontext\[cached\]\(\(\*sql.DB\).QueryRow\)`
	if u, ok := users.Load(id); ok {
		return u.(*User)
	}
	u := &User{}
	r.db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&u.Name)
	users.Store(id, u)
	return u
}

// Tag loads a tag on a miss of the repository's map, which it fills.
func (r *Repo) Tag(id int) string { // want Tag:`effects: db\[cached\]`
	t, ok := r.cache[id]
	if !ok {
		r.db.QueryRow("SELECT name FROM tags WHERE id = $1", id).Scan(&t)
		r.cache[id] = t
	}
	return t
}

// FreshTag looks the tag up in a map it makes on each call: every call
// misses, and queries.
func (r *Repo) FreshTag(id int) string { // want FreshTag:`effects: db\(\(\*sql.DB\).QueryRow\)`
	tags := map[int]string{}
	t, ok := tags[id]
	if !ok {
		r.db.QueryRow("SELECT name FROM tags WHERE id = $1", id).Scan(&t)
		tags[id] = t
	}
	return t
}

// Store is memos' store: users by id in a sync.Map it fills.
type Store struct {
	db        *sql.DB
	userCache sync.Map
	seen      sync.Map
	defaults  map[string]*User
}

type FindUser struct {
	ID       *int
	Username *string
}

// GetUser returns a user from the cache once loaded by id: the lookup is
// under a test of the filter, and the hit is a type assertion's.
func (s *Store) GetUser(ctx context.Context, find *FindUser) (*User, error) { // want GetUser:`effects: db\[cached\]\(\(\*repo.Store\).ListUsers → \(\*sql.DB\).QueryContext\)`
	if find.ID != nil {
		if *find.ID == 0 {
			return nil, nil
		}
		if cache, ok := s.userCache.Load(*find.ID); ok {
			user, ok := cache.(*User)
			if ok {
				return user, nil
			}
		}
	}
	list, err := s.ListUsers(ctx, find)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	s.userCache.Store(*find.ID, list[0])
	return list[0], nil
}

func (s *Store) ListUsers(ctx context.Context, find *FindUser) ([]*User, error) { // want ListUsers:`effects: db\(\(\*sql.DB\).QueryContext\)`
	rows, err := s.db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return nil, nil
}

// Remember writes each user it loads to a cache nothing reads first: a
// query per call.
func (s *Store) Remember(ctx context.Context, id int) *User { // want Remember:`effects: db\(\(\*repo.Store\).ListUsers → \(\*sql.DB\).QueryContext\)`
	list, _ := s.ListUsers(ctx, &FindUser{ID: &id})
	s.seen.Store(id, list[0])
	return list[0]
}

// Logged looks the user up but goes on to query on a hit too.
func (s *Store) Logged(ctx context.Context, id int) *User { // want Logged:`effects: db\(\(\*repo.Store\).ListUsers → \(\*sql.DB\).QueryContext\)`
	if _, ok := s.seen.Load(id); ok {
		println("seen", id)
	}
	list, _ := s.ListUsers(ctx, &FindUser{ID: &id})
	return list[0]
}

// AnyCached returns the first of the users it finds cached, else loads
// them all: a search's hit, and the load runs whenever none is cached.
func (s *Store) AnyCached(ctx context.Context, ids []int) *User { // want AnyCached:`effects: db\(\(\*repo.Store\).ListUsers → \(\*sql.DB\).QueryContext\)`
	for _, id := range ids {
		if u, ok := s.userCache.Load(id); ok {
			return u.(*User)
		}
	}
	list, _ := s.ListUsers(ctx, &FindUser{})
	return list[0]
}

// PosterRole looks the role up first in a map its caller keeps, and
// fills itself.
func (s *Store) PosterRole(roles map[int]string, id int) string { // want PosterRole:`effects: db\[cached\]`
	if role, ok := roles[id]; ok {
		return role
	}
	var role string
	s.db.QueryRow("SELECT role FROM members WHERE user_id = $1", id).Scan(&role)
	return role
}

// Default falls back to a query when a table nothing fills has no entry:
// not a cache, every other name queries.
func (s *Store) Default(ctx context.Context, name string) *User { // want Default:`effects: db\(\(\*repo.Store\).ListUsers → \(\*sql.DB\).QueryContext\)`
	if u, ok := s.defaults[name]; ok {
		return u
	}
	list, _ := s.ListUsers(ctx, &FindUser{Username: &name})
	return list[0]
}

// Go runs f in a goroutine of its own.
func Go(f func()) { // want Go:`runs parameters \[0\] in a goroutine`
	go func() {
		defer func() { _ = recover() }()
		f()
	}()
}

// Fetch20 sends on a client whose timeout is long: still uncancellable
// for as long as a client waits for an answer.
func Fetch20(url string) error { // want Fetch20:`effects: network\(\(\*http.Client\).Do\), nocontext\(remote: http.NewRequest\)`
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	client := &http.Client{Timeout: 20 * time.Second}
	_, err = client.Do(req)
	return err
}

// TokenCache is a cache of the program's own whose Get says by its error
// whether it hit.
type TokenCache struct{ m sync.Map }

func (c *TokenCache) Get(key string) (any, error) {
	if v, ok := c.m.Load(key); ok {
		return v, nil
	}
	return nil, errNotFound
}

func (c *TokenCache) SetDefault(key string, v any) { c.m.Store(key, v) }

var (
	errNotFound = errors.New("not found")
	tokens      TokenCache
	backup      TokenCache
)

// AccessToken exchanges a credential for a token once per key, until the
// entry expires: the exchange is the cache's miss.
func AccessToken(channel int) (string, error) { // want AccessToken:`effects: network\[cached\]\(\(\*http.Client\).PostForm\), nocontext\[cached\]\(remote: \(\*http.Client\).PostForm\)$`
	key := fmt.Sprintf("token-%d", channel)
	val, err := tokens.Get(key)
	if err == nil {
		return val.(string), nil
	}
	resp, err := http.DefaultClient.PostForm("https://oauth2.example.com/token", nil)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	tokens.SetDefault(key, "token")
	return "token", nil
}

// IgnoredToken drops the Get's results and tests the value: a blank
// assigned with = has no type of its own to look at, and must not stop
// the analysis of the package.
func IgnoredToken(channel int) (string, error) { // want IgnoredToken:`effects: network\(\(\*http.Client\).PostForm\), nocontext\(remote: \(\*http.Client\).PostForm\)$`
	key := fmt.Sprintf("token-%d", channel)
	_, _ = tokens.Get("warm-up")
	val, _ := tokens.Get(key)
	if val != nil {
		return val.(string), nil
	}
	resp, err := http.DefaultClient.PostForm("https://oauth2.example.com/token", nil)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	tokens.SetDefault(key, "token")
	return "token", nil
}

// FallbackToken tries a store first and fetches on failure, but keeps
// nothing: every failure fetches again.
func FallbackToken(channel int) (string, error) { // want FallbackToken:`effects: network\(\(\*http.Client\).PostForm\), nocontext\(remote: \(\*http.Client\).PostForm\)$`
	key := fmt.Sprintf("token-%d", channel)
	val, err := tokens.Get(key)
	if err == nil {
		return val.(string), nil
	}
	resp, err := http.DefaultClient.PostForm("https://oauth2.example.com/token", nil)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	backup.SetDefault(key, "token")
	return "token", nil
}

// OtherKey fills the cache under a key other than the one it looked up:
// the lookup misses every time.
func OtherKey(channel int) (string, error) { // want OtherKey:`effects: network\(\(\*http.Client\).PostForm\), nocontext\(remote: \(\*http.Client\).PostForm\)$`
	val, err := tokens.Get(fmt.Sprint(channel))
	if err == nil {
		return val.(string), nil
	}
	resp, err := http.DefaultClient.PostForm("https://oauth2.example.com/token", nil)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	tokens.SetDefault("latest", "token")
	return "token", nil
}

// FoundToken is the same with a Get that says by a boolean whether it hit.
func FoundToken(c *FoundCache, channel string) string { // want FoundToken:`effects: network\[cached\]\(\(\*http.Client\).PostForm\), nocontext\[cached\]\(remote: \(\*http.Client\).PostForm\)$`
	if v, found := c.Get(channel); found {
		return v
	}
	resp, err := http.DefaultClient.PostForm("https://oauth2.example.com/token", nil)
	if err == nil {
		resp.Body.Close()
	}
	c.Set(channel, "token")
	return "token"
}

type FoundCache struct{ m map[string]string }

func (c *FoundCache) Get(k string) (string, bool) { v, ok := c.m[k]; return v, ok }
func (c *FoundCache) Set(k, v string)             { c.m[k] = v }

// inTx begins its transaction without a context.
func (r *Repo) inTx(fn func(tx *sql.Tx) error) error { // want inTx:`effects: db\(\(\*sql.DB\).Begin\), nocontext\(\(\*sql.DB\).Begin\)$`
	tx, err := r.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Batch waits for its transaction's work in a select that gives up when
// the context is done: the transaction ends then.
func (r *Repo) Batch(ctx context.Context) error { // want Batch:`effects: db\(\(\*sql.Tx\).ExecContext\), nocontext\[abandoned\]\(\(\*repo.Repo\).inTx → \(\*sql.DB\).Begin\)$`
	errCh := make(chan error, 1)
	return r.inTx(func(tx *sql.Tx) error {
		go func() {
			_, err := tx.ExecContext(ctx, "DELETE FROM items")
			errCh <- err
		}()
		select {
		case err := <-errCh:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	})
}

// Retry pauses between three attempts given its context: a backoff.
func (r *Repo) Retry(ctx context.Context) string { // want Retry:`effects: db\[backoff\]\(\(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\), sleep\[backoff\]\(time.Sleep\)$`
	for attempt := 0; attempt < 3; attempt++ {
		if s := r.Get(ctx, 1); s != "" {
			return s
		}
		time.Sleep(time.Duration(100<<attempt) * time.Millisecond)
	}
	return ""
}

// RetryLong pauses for a long constant time: no backoff.
func (r *Repo) RetryLong(ctx context.Context) string { // want RetryLong:`effects: db\[backoff\]\(\(\*repo.Repo\).Get → \(\*sql.DB\).QueryRowContext\), sleep\(time.Sleep\)$`
	for attempt := 0; attempt < 3; attempt++ {
		if s := r.Get(ctx, 1); s != "" {
			return s
		}
		time.Sleep(time.Minute)
	}
	return ""
}
