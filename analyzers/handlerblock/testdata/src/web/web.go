// Package web exercises handlerblock on net/http handlers.
package web

import (
	"context"
	"database/sql"
	"html/template"
	"net/http"
	"os/exec"
	"regexp"
	"sync"
	"time"
)

var db *sql.DB

// --- reported, with fixes ---

func profile(w http.ResponseWriter, r *http.Request) {
	var name string
	db.QueryRow("SELECT name FROM users WHERE id = $1", r.PathValue("id")).Scan(&name) // want `^note: db.QueryRow cannot be cancelled: when the client goes away or times out, the work goes on and holds its connection or process; use QueryRowContext with r.Context\(\) \(and 1 more statement without context in handlers in this package\)`
	w.Write([]byte(name))
}

func begin(w http.ResponseWriter, req *http.Request) {
	tx, _ := db.Begin() // one habit with the QueryRow above: related to its finding
	tx.Commit()
}

func proxy(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("GET", "http://backend/", nil) // want `^error: http.NewRequest builds a request to another service that cannot be cancelled: when the client goes away or times out, the request goes on until that service answers or the client's own timeout ends it, .*use NewRequestWithContext with r.Context\(\)`
	http.DefaultClient.Do(out)
	exec.Command("convert", "in.png", "out.png").Run() // want `^warning: exec.Command cannot be cancelled`
}

func audit(w http.ResponseWriter, r *http.Request) {
	db.ExecContext(context.Background(), "INSERT INTO audit (path) VALUES ($1)", r.URL.Path) // want `^warning: db.ExecContext runs under context.Background\(\), detached from the request: when the client goes away, the work goes on; use r.Context\(\)`
	ctx, cancel := context.WithTimeout(context.TODO(), time.Second)
	defer cancel()
	db.ExecContext(ctx, "UPDATE hits SET n = n + 1") // want `^note: db.ExecContext runs under a deadline set on context.TODO\(\), detached from the request: the work ends by its deadline`
}

func search(w http.ResponseWriter, r *http.Request) {
	re := regexp.MustCompile(`^[a-z]+$`) // want `^note: regexp.MustCompile builds the same regular expression on every request; build it once, in a package-level variable`
	if !re.MatchString(r.FormValue("q")) {
		http.Error(w, "bad query", http.StatusBadRequest)
	}
}

func render(w http.ResponseWriter, r *http.Request) {
	page := template.Must(template.ParseFiles("page.html")) // want `^note: template.ParseFiles builds the same template on every request`
	page.Execute(w, nil)
	if regexp.MustCompile(`\d+`).MatchString(r.URL.Path) { // want `^note: regexp.MustCompile builds the same regular expression on every request`
		w.WriteHeader(http.StatusTeapot)
	}
}

// --- reported, no fix ---

func slow(w http.ResponseWriter, r *http.Request) {
	time.Sleep(2 * time.Second) // want `^warning: time.Sleep sleeps while the request waits: requests and their goroutines pile up behind it; wait on a timer in a select that also watches r.Context\(\).Done\(\)`
}

var (
	mu    sync.Mutex
	cache = map[string]string{}
)

func cached(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	defer mu.Unlock()
	if v, ok := cache[r.URL.Path]; ok {
		w.Write([]byte(v))
		return
	}
	var v string
	db.QueryRowContext(r.Context(), "SELECT body FROM pages WHERE path = $1", r.URL.Path).Scan(&v) // want `^error: db.QueryRowContext does I/O while the package-level mutex mu is held: every request waits for every other's I/O`
	cache[r.URL.Path] = v
}

func loadUser(id string) string {
	var name string
	db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name
}

func viaHelper(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(loadUser(r.PathValue("id")))) // want `^note: loadUser does I/O that cannot be cancelled \(loadUser → \(\*sql.DB\).QueryRow\): .*pass r.Context\(\) down and use QueryRowContext`
}

func detachedRequest(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest("GET", "http://backend/", nil)
	http.DefaultClient.Do(req.WithContext(context.Background())) // want `http.DefaultClient.Do runs under context.Background\(\), detached from the request`
}

// --- not reported ---

// A request whose context is set after NewRequest has one.
func withContextLater(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest("GET", "http://backend/", nil)
	req = req.WithContext(r.Context())
	http.DefaultClient.Do(req)
}

func withContextAtDo(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequest("GET", "http://backend/", nil)
	if err != nil {
		return
	}
	http.DefaultClient.Do(req.WithContext(r.Context()))
}

func derived(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	db.QueryRowContext(ctx, "SELECT 1")
	db.ExecContext(context.WithoutCancel(r.Context()), "INSERT INTO audit (path) VALUES ($1)", r.URL.Path)
}

func background(w http.ResponseWriter, r *http.Request) {
	go func() {
		time.Sleep(time.Minute)
		db.Exec("DELETE FROM sessions WHERE expired")
	}()
	w.WriteHeader(http.StatusAccepted)
}

var allowed = regexp.MustCompile(`^[a-z]+$`)

func precompiled(w http.ResponseWriter, r *http.Request) {
	allowed.MatchString(r.FormValue("q"))
	regexp.MustCompile(r.FormValue("pattern")) // not a constant: it cannot move
}

func main() {
	db.Exec("CREATE TABLE IF NOT EXISTS users (id int)")
	time.Sleep(time.Second)
	http.HandleFunc("/profile", profile)
	http.ListenAndServe(":8080", nil)
}

func worker(jobs <-chan string) {
	for j := range jobs {
		db.Exec("UPDATE jobs SET done = true WHERE id = $1", j)
	}
}

func wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
	})
}

func dispatch(w http.ResponseWriter, r *http.Request) {
	profile(w, r) // profile is a handler: reported there, not here
}

func suppressed(w http.ResponseWriter, r *http.Request) {
	//crisislint:ignore handlerblock the admin endpoint waits for the replica on purpose
	time.Sleep(time.Second)
}

// A request whose RequestURI is set is served, not sent (a client refuses
// it): a batch endpoint builds each sub-request and hands it to its own
// router (pocketbase).
func batch(w http.ResponseWriter, r *http.Request, router http.Handler) {
	sub, _ := http.NewRequest("GET", "/api/items", nil)
	sub.RequestURI = sub.URL.RequestURI()
	router.ServeHTTP(w, sub)
}

// noctx reports the same call: its suppression is the decision on ours.
func mustComplete(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest("POST", "http://audit/", nil) //nolint:noctx // the audit record must be sent even if the client leaves
	http.DefaultClient.Do(req)
}
