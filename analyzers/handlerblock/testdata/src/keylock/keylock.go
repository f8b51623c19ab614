// Package keylock holds mutexes taken by key from package-level state
// across I/O on the request path.
package keylock

import (
	"database/sql"
	"net/http"
	"sync"
)

var (
	db      *sql.DB
	clients = map[string]*sync.Mutex{}
	tokens  sync.Map
	counts  = map[string]int{}
)

// token queues every request for a client behind one database round trip.
func token(w http.ResponseWriter, r *http.Request) {
	l := clients[r.FormValue("client_id")]
	l.Lock()
	defer l.Unlock()
	var secret string
	db.QueryRowContext(r.Context(), "SELECT secret FROM clients WHERE id = $1", r.FormValue("client_id")).Scan(&secret) // want `db.QueryRowContext does I/O while the mutex clients\[r.FormValue\("client_id"\)\], taken by key from package-level state, is held: every request for the same key waits for the others' I/O; hold the lock around the shared data only`
	w.Write([]byte(secret))
}

func rotate(w http.ResponseWriter, r *http.Request) {
	v, _ := tokens.LoadOrStore(r.PathValue("id"), &sync.Mutex{})
	v.(*sync.Mutex).Lock()
	defer v.(*sync.Mutex).Unlock()
	revoke(r) // want `revoke does I/O \(revoke → \(\*sql.DB\).ExecContext\) while the mutex tokens.LoadOrStore\(r.PathValue\("id"\), &sync.Mutex{}\), taken by key from package-level state, is held`
}

func revoke(r *http.Request) {
	db.ExecContext(r.Context(), "UPDATE tokens SET revoked = true WHERE id = $1", r.PathValue("id"))
}

// --- not reported ---

// hits holds the key's lock across in-memory work only.
func hits(w http.ResponseWriter, r *http.Request) {
	l := clients[r.FormValue("client_id")]
	l.Lock()
	counts[r.FormValue("client_id")]++
	l.Unlock()
	db.ExecContext(r.Context(), "INSERT INTO hits (client) VALUES ($1)", r.FormValue("client_id"))
}

type server struct {
	mu    sync.Mutex
	locks map[string]*sync.Mutex
}

// lookup locks the server's own mutexes: whether they are shared is the
// server's to say, not the package's.
func (s *server) lookup(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	l := s.locks[r.FormValue("client_id")]
	s.mu.Unlock()
	l.Lock()
	defer l.Unlock()
	db.ExecContext(r.Context(), "UPDATE clients SET seen = now() WHERE id = $1", r.FormValue("client_id"))
}

// local locks a mutex of its own.
func local(w http.ResponseWriter, r *http.Request) {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	db.ExecContext(r.Context(), "UPDATE clients SET seen = now()")
}

// job runs off the request path.
func job() {
	l := clients["cron"]
	l.Lock()
	defer l.Unlock()
	db.Exec("DELETE FROM tokens WHERE expired")
}
