// Package locks holds mutexes across I/O: package-level ones, ones taken
// by key from package-level state, and the caller's own.
package locks

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

var (
	db *sql.DB

	mu       sync.Mutex
	byKey    = map[string]*sync.Mutex{}
	byKeyMu  sync.Mutex
	syncMap  sync.Map
	shards   [16]sync.Mutex
	registry = &keyed{m: map[string]*sync.Mutex{}}
	state    struct {
		users sync.Mutex
		rows  map[int]*sync.RWMutex
	}
)

func Global(ctx context.Context) { // want Global:`effects: db\(\(\*sql.DB\).ExecContext\), globallock\(\(\*sql.DB\).ExecContext\)$`
	mu.Lock()
	defer mu.Unlock()
	db.ExecContext(ctx, "UPDATE hits SET n = n + 1")
}

func Field(ctx context.Context) { // want Field:`effects: db\(\(\*sql.DB\).ExecContext\), globallock\(\(\*sql.DB\).ExecContext\)$`
	state.users.Lock()
	db.ExecContext(ctx, "UPDATE users SET seen = now()")
	state.users.Unlock()
}

// --- taken by key ---

func FromMap(ctx context.Context, key string) { // want FromMap:`effects: db\(\(\*sql.DB\).QueryRowContext\), keylock\(\(\*sql.DB\).QueryRowContext\)$`
	l := byKey[key]
	l.Lock()
	defer l.Unlock()
	db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", key)
}

func InPlace(ctx context.Context, key string) { // want InPlace:`effects: db\(\(\*sql.DB\).ExecContext\), keylock\(\(\*sql.DB\).ExecContext\)$`
	byKey[key].Lock()
	db.ExecContext(ctx, "DELETE FROM settings WHERE key = $1", key)
	byKey[key].Unlock()
}

func FromSyncMap(ctx context.Context, key string) { // want FromSyncMap:`effects: db\(\(\*sql.DB\).ExecContext\), keylock\(\(\*sql.DB\).ExecContext\)$`
	v, _ := syncMap.LoadOrStore(key, &sync.Mutex{})
	v.(*sync.Mutex).Lock()
	defer v.(*sync.Mutex).Unlock()
	db.ExecContext(ctx, "UPDATE tokens SET used = true WHERE key = $1", key)
}

func FromSyncMapVar(ctx context.Context, key string) { // want FromSyncMapVar:`effects: db\(\(\*sql.DB\).ExecContext\), keylock\(\(\*sql.DB\).ExecContext\)$`
	v, _ := syncMap.LoadOrStore(key, new(sync.Mutex))
	l := v.(*sync.Mutex)
	l.Lock()
	defer l.Unlock()
	db.ExecContext(ctx, "UPDATE tokens SET used = true WHERE key = $1", key)
}

func Striped(ctx context.Context, id int) { // want Striped:`effects: db\(\(\*sql.DB\).ExecContext\), keylock\(\(\*sql.DB\).ExecContext\)$`
	shards[id%len(shards)].Lock()
	defer shards[id%len(shards)].Unlock()
	db.ExecContext(ctx, "UPDATE rows SET n = n + 1 WHERE id = $1", id)
}

func Rows(ctx context.Context, id int) { // want Rows:`effects: db\(\(\*sql.DB\).QueryRowContext\), keylock\(\(\*sql.DB\).QueryRowContext\)$`
	state.rows[id].RLock()
	defer state.rows[id].RUnlock()
	db.QueryRowContext(ctx, "SELECT n FROM rows WHERE id = $1", id)
}

type keyed struct {
	mu sync.Mutex
	m  map[string]*sync.Mutex
}

// Get is the registry's own: its mutex is its receiver's, not shared here.
func (k *keyed) Get(key string) *sync.Mutex {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.m[key] == nil {
		k.m[key] = &sync.Mutex{}
	}
	return k.m[key]
}

func Registry(ctx context.Context, key string) { // want Registry:`effects: db\(\(\*sql.DB\).ExecContext\), keylock\(\(\*sql.DB\).ExecContext\)$`
	registry.Get(key).Lock()
	defer registry.Get(key).Unlock()
	db.ExecContext(ctx, "UPDATE jobs SET owner = $1", key)
}

// lockFor takes the key's mutex from the package's map, making it on
// first use.
func lockFor(key string) *sync.Mutex {
	byKeyMu.Lock()
	defer byKeyMu.Unlock()
	l, ok := byKey[key]
	if !ok {
		l = &sync.Mutex{}
		byKey[key] = l
	}
	return l
}

func Helper(ctx context.Context, key string) { // want Helper:`effects: db\(\(\*sql.DB\).ExecContext\), keylock\(\(\*sql.DB\).ExecContext\)$`
	l := lockFor(key)
	l.Lock()
	defer l.Unlock()
	db.ExecContext(ctx, "UPDATE keys SET rotated = now() WHERE key = $1", key)
}

// Through holds the key's lock across a call that queries.
func Through(ctx context.Context, key string) { // want Through:`effects: db\(locks.Global → \(\*sql.DB\).ExecContext\), globallock\(locks.Global → \(\*sql.DB\).ExecContext\), keylock\(locks.Global → \(\*sql.DB\).ExecContext\)$`
	l := byKey[key]
	l.Lock()
	defer l.Unlock()
	Global(ctx)
}

// --- not shared, or not across I/O ---

func Local(ctx context.Context) { // want Local:`effects: db\(\(\*sql.DB\).ExecContext\)$`
	var m sync.Mutex
	m.Lock()
	defer m.Unlock()
	db.ExecContext(ctx, "UPDATE hits SET n = n + 1")
}

func Fresh(ctx context.Context) { // want Fresh:`effects: db\(\(\*sql.DB\).ExecContext\)$`
	l := &sync.Mutex{}
	l.Lock()
	defer l.Unlock()
	db.ExecContext(ctx, "UPDATE hits SET n = n + 1")
}

type Service struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

func (s *Service) Receiver(ctx context.Context, key string) { // want Receiver:`effects: db\(\(\*sql.DB\).ExecContext\)$`
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.locks[key]
	l.Lock()
	defer l.Unlock()
	db.ExecContext(ctx, "UPDATE hits SET n = n + 1")
}

var counts = map[string]int{}

// InMemory holds the key's lock across in-memory work only.
func InMemory(key string) {
	l := byKey[key]
	l.Lock()
	defer l.Unlock()
	counts[key]++
}

// Released lets the key's lock go before the query.
func Released(ctx context.Context, key string) { // want Released:`effects: db\(\(\*sql.DB\).ExecContext\)$`
	l := byKey[key]
	l.Lock()
	counts[key]++
	l.Unlock()
	db.ExecContext(ctx, "UPDATE hits SET n = n + 1")
}

// Copied copies a package-level mutex: the copy is the function's own.
func Copied(ctx context.Context) { // want Copied:`effects: db\(\(\*sql.DB\).ExecContext\)$`
	m := shards[0]
	m.Lock()
	defer m.Unlock()
	db.ExecContext(ctx, "UPDATE hits SET n = n + 1")
}

// --- a package-level cache refreshed when stale (new-api's pricing) ---

var (
	prices      []string
	lastRefresh time.Time
	refreshMu   sync.Mutex
)

// Prices reloads at most once a minute for the whole process, under a
// lock re-checked inside: neither the query nor the lock is per call.
func Prices(ctx context.Context) []string { // want Prices:`effects: db\[cached\]\(\(\*sql.DB\).QueryContext\), globallock\[cached\]\(\(\*sql.DB\).QueryContext\)$`
	if time.Since(lastRefresh) > time.Minute || len(prices) == 0 {
		refreshMu.Lock()
		defer refreshMu.Unlock()
		if time.Since(lastRefresh) > time.Minute || len(prices) == 0 {
			db.QueryContext(ctx, "SELECT name FROM prices")
			lastRefresh = time.Now()
		}
	}
	return prices
}

// PricesFor tests the caller's own time: whoever calls decides.
func PricesFor(ctx context.Context, since time.Time) { // want PricesFor:`effects: db\(\(\*sql.DB\).QueryContext\)$`
	if time.Since(since) > time.Minute {
		db.QueryContext(ctx, "SELECT name FROM prices")
	}
}

// --- a program's own untyped store (pocketbase's app.Store()) ---

type Store struct{ m sync.Map }

func (s *Store) Get(key string) any { v, _ := s.m.Load(key); return v }

var store Store

// Collections loads from the database only when the store has none: once
// per process, not per call.
func Collections(ctx context.Context) []string { // want Collections:`effects: db\[cached\]\(\(\*sql.DB\).QueryContext\)$`
	cols, _ := store.Get("collections").([]string)
	if cols == nil {
		db.QueryContext(ctx, "SELECT name FROM collections")
	}
	return cols
}

// --- a package-level memo read under its lock (kratos' credential types) ---

var types_ struct {
	sync.RWMutex
	m map[string]int
}

// TypeID looks the name up once per process.
func TypeID(ctx context.Context, name string) int { // want TypeID:`effects: db\[cached\]\(\(\*sql.DB\).QueryRowContext\)$`
	types_.RLock()
	v, ok := types_.m[name]
	types_.RUnlock()
	if ok && v != 0 {
		return v
	}
	var id int
	db.QueryRowContext(ctx, "SELECT id FROM types WHERE name = $1", name).Scan(&id)
	types_.Lock()
	types_.m[name] = id
	types_.Unlock()
	return id
}
