// Package stampede holds cache-aside reads that write back with a
// constant TTL, and the ones cachestampede leaves alone.
package stampede

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/dgraph-io/ristretto/v2"
	gocache "github.com/patrickmn/go-cache"
	"github.com/redis/go-redis/v9"
	"github.com/redis/rueidis"
	"golang.org/x/sync/singleflight"
)

type User struct {
	ID   string
	Name string
}

type Store struct {
	db    *sql.DB
	rdb   *redis.Client
	mc    *memcache.Client
	local *gocache.Cache
	rc    *ristretto.Cache[string, *User]
	rue   rueidis.Client
	group singleflight.Group
	mu    sync.Mutex
	ttl   time.Duration
}

func (s *Store) load(ctx context.Context, id string) (*User, error) {
	u := &User{ID: id}
	err := s.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&u.Name)
	return u, err
}

func (s *Store) User(ctx context.Context, id string) (*User, error) {
	key := "user:" + id
	var u User
	if err := s.rdb.Get(ctx, key).Scan(&u); err == nil {
		return &u, nil
	}
	loaded, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	data, _ := json.Marshal(loaded)
	s.rdb.Set(ctx, key, data, time.Hour) // want `s.rdb.Set writes back "user:\*" with the same TTL \(time.Hour\) for every key, and nothing lets one caller load while the others wait`
	return loaded, nil
}

func (s *Store) Name(ctx context.Context, id string) (string, error) {
	if it, err := s.mc.Get("name:" + id); err == nil {
		return string(it.Value), nil
	}
	var name string
	if err := s.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name); err != nil {
		return "", err
	}
	s.mc.Set(&memcache.Item{Key: "name:" + id, Value: []byte(name), Expiration: 300}) // want `s.mc.Set writes back "name:\*" with the same TTL \(300\)`
	return name, nil
}

func (s *Store) Local(ctx context.Context, id string) (*User, error) {
	if v, ok := s.local.Get("user:" + id); ok {
		return v.(*User), nil
	}
	u, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	s.local.Set("user:"+id, u, 5*time.Minute) // want `s.local.Set writes back "user:\*" with the same TTL \(5 \* time.Minute\)`
	return u, nil
}

const localTTL = 10 * time.Minute

func (s *Store) Ristretto(ctx context.Context, id string) (*User, error) {
	if u, ok := s.rc.Get(id); ok {
		return u, nil
	}
	u, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	s.rc.SetWithTTL(id, u, 1, localTTL) // want `s.rc.SetWithTTL writes back id with the same TTL \(localTTL\)`
	return u, nil
}

func (s *Store) Rueidis(ctx context.Context, id string) (string, error) {
	if v, err := s.rue.Do(ctx, s.rue.B().Get().Key("name:"+id).Build()).ToString(); err == nil {
		return v, nil
	}
	var name string
	if err := s.db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name); err != nil {
		return "", err
	}
	s.rue.Do(ctx, s.rue.B().Set().Key("name:"+id).Value(name).ExSeconds(600).Build()) // want `s.rue.B\(\).Set\(\) writes back "name:\*" with the same TTL \(600\)`
	return name, nil
}

// Jittered: keys written at once expire over a spread.
func (s *Store) Jittered(ctx context.Context, id string) (*User, error) {
	key := "user:" + id
	var u User
	if err := s.rdb.Get(ctx, key).Scan(&u); err == nil {
		return &u, nil
	}
	loaded, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	ttl := time.Hour + rand.N(time.Hour/10)
	s.rdb.Set(ctx, key, loaded, ttl)
	return loaded, nil
}

// Flight: singleflight makes concurrent misses wait for one load.
func (s *Store) Flight(ctx context.Context, id string) (*User, error) {
	key := "user:" + id
	var u User
	if err := s.rdb.Get(ctx, key).Scan(&u); err == nil {
		return &u, nil
	}
	v, err, _ := s.group.Do(key, func() (interface{}, error) {
		loaded, err := s.load(ctx, id)
		if err == nil {
			s.rdb.Set(ctx, key, loaded, time.Hour)
		}
		return loaded, err
	})
	if err != nil {
		return nil, err
	}
	return v.(*User), nil
}

// Locked: a mutex serializes the loads.
func (s *Store) Locked(ctx context.Context, id string) (*User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := "user:" + id
	var u User
	if err := s.rdb.Get(ctx, key).Scan(&u); err == nil {
		return &u, nil
	}
	loaded, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	s.rdb.Set(ctx, key, loaded, time.Hour)
	return loaded, nil
}

// LockKey: a lock key set only when absent lets one caller load.
func (s *Store) LockKey(ctx context.Context, id string) (*User, error) {
	key := "user:" + id
	var u User
	if err := s.rdb.Get(ctx, key).Scan(&u); err == nil {
		return &u, nil
	}
	if ok, _ := s.rdb.SetNX(ctx, "lock:"+key, 1, 10*time.Second).Result(); !ok {
		return nil, context.DeadlineExceeded
	}
	loaded, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	s.rdb.Set(ctx, key, loaded, time.Hour)
	return loaded, nil
}

// Configured: a TTL from configuration is not known to be the same for
// every key.
func (s *Store) Configured(ctx context.Context, id string) (*User, error) {
	key := "user:" + id
	var u User
	if err := s.rdb.Get(ctx, key).Scan(&u); err == nil {
		return &u, nil
	}
	loaded, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	s.rdb.Set(ctx, key, loaded, s.ttl)
	return loaded, nil
}

// WriteThrough: a write after an update, no read before it.
func (s *Store) WriteThrough(ctx context.Context, u *User) error {
	if _, err := s.db.ExecContext(ctx, "UPDATE users SET name = $1 WHERE id = $2", u.Name, u.ID); err != nil {
		return err
	}
	return s.rdb.Set(ctx, "user:"+u.ID, u, time.Hour).Err()
}

// Forever: no expiry is cachestale's, not a stampede.
func (s *Store) Forever(ctx context.Context, id string) (*User, error) {
	key := "user:" + id
	var u User
	if err := s.rdb.Get(ctx, key).Scan(&u); err == nil {
		return &u, nil
	}
	loaded, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	s.rdb.Set(ctx, key, loaded, 0)
	return loaded, nil
}

// Visits reads a counter, records the visit and writes the counter back:
// what it writes is not loaded from the database.
func (s *Store) Visits(ctx context.Context, id string) error {
	n, _ := s.rdb.Get(ctx, "visits:"+id).Result()
	if _, err := s.db.ExecContext(ctx, "INSERT INTO visits (page) VALUES ($1)", id); err != nil {
		return err
	}
	return s.rdb.Set(ctx, "visits:"+id, n+"1", time.Hour).Err()
}

// Brief holds its lock only around a map: the load is not guarded.
func (s *Store) Brief(ctx context.Context, id string) (*User, error) {
	s.mu.Lock()
	seen[id]++
	s.mu.Unlock()
	key := "user:" + id
	var u User
	if err := s.rdb.Get(ctx, key).Scan(&u); err == nil {
		return &u, nil
	}
	loaded, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	s.rdb.Set(ctx, key, loaded, time.Hour) // want `s.rdb.Set writes back "user:\*" with the same TTL \(time.Hour\)`
	return loaded, nil
}

var seen = map[string]int{}

// Rate loads from another service on a miss.
func (s *Store) Rate(ctx context.Context, currency string) (string, error) {
	if v, err := s.rdb.Get(ctx, "rate:"+currency).Result(); err == nil {
		return v, nil
	}
	resp, err := http.Get("https://rates.example.com/" + currency)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	s.rdb.Set(ctx, "rate:"+currency, body, 10*time.Minute) // want `s.rdb.Set writes back "rate:\*" with the same TTL \(10 \* time.Minute\)`
	return string(body), nil
}

// FirstWriter puts back what it loaded only if no one else did: still
// every key with the same TTL.
func (s *Store) FirstWriter(ctx context.Context, id string) (*User, error) {
	key := "user:" + id
	var u User
	if err := s.rdb.Get(ctx, key).Scan(&u); err == nil {
		return &u, nil
	}
	loaded, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	s.rdb.SetNX(ctx, key, loaded, time.Hour) // want `s.rdb.SetNX writes back "user:\*" with the same TTL \(time.Hour\)`
	return loaded, nil
}

func (s *Store) tryLock(ctx context.Context, key string) bool {
	ok, _ := s.rdb.SetNX(ctx, "lock:"+key, 1, 10*time.Second).Result()
	return ok
}

// LockHelper: the lock key is taken through a helper.
func (s *Store) LockHelper(ctx context.Context, id string) (*User, error) {
	key := "user:" + id
	var u User
	if err := s.rdb.Get(ctx, key).Scan(&u); err == nil {
		return &u, nil
	}
	if !s.tryLock(ctx, key) {
		return nil, context.DeadlineExceeded
	}
	loaded, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	s.rdb.Set(ctx, key, loaded, time.Hour)
	return loaded, nil
}

func accountKey(id string) string { return "account:" + id }

func (s *Store) getCache(ctx context.Context, id string) (*User, error) {
	b, err := s.rdb.Get(ctx, accountKey(id)).Bytes()
	if err != nil {
		return nil, err
	}
	var u User
	return &u, json.Unmarshal(b, &u)
}

func (s *Store) setCache(ctx context.Context, u *User) error {
	b, err := json.Marshal(u)
	if err != nil {
		return err
	}
	return s.rdb.Set(ctx, accountKey(u.ID), b, time.Hour).Err()
}

// Account: the cache-aside split into get and set helpers, the value
// marshaled inside the setter.
func (s *Store) Account(ctx context.Context, id string) (*User, error) {
	if u, err := s.getCache(ctx, id); err == nil {
		return u, nil
	}
	u, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	_ = s.setCache(ctx, u) // want `s.setCache writes back "account:\*" with the same TTL \(time.Hour, set inside s.setCache\)`
	return u, nil
}
