// Package guards splices sort columns checked against allowlists into
// ORDER BY: the standard fix for ORDER BY injection, and the checks that
// only look like it.
package guards

import (
	"database/sql"
	"fmt"
	"log"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"sortcheck"
)

type Server struct{ db *sql.DB }

var validSorts = map[string]bool{"id": true, "name": true, "date": true}

var sortCols = []string{"id", "name", "date"}

// A map lookup that replaces an unknown column with a default.
func (s *Server) mapDefault(w http.ResponseWriter, r *http.Request) {
	sort := r.URL.Query().Get("sort")
	if !validSorts[sort] {
		sort = "id"
	}
	order := "DESC"
	if strings.EqualFold(r.URL.Query().Get("order"), "asc") {
		order = "ASC"
	}
	q := fmt.Sprintf("SELECT id, name FROM torrents ORDER BY %s %s LIMIT 50", sort, order)
	s.db.QueryContext(r.Context(), q)
}

// A comma-ok lookup that rejects the request.
func (s *Server) mapReject(w http.ResponseWriter, r *http.Request) {
	sort := r.URL.Query().Get("sort")
	if _, ok := validSorts[sort]; !ok {
		http.Error(w, "invalid sort", http.StatusBadRequest)
		return
	}
	s.db.QueryContext(r.Context(), "SELECT id FROM torrents ORDER BY "+sort+" DESC")
}

// A loop over the allowed columns that sets a flag.
func (s *Server) loopFlag(w http.ResponseWriter, r *http.Request) {
	sort := r.URL.Query().Get("sort")
	ok := false
	for _, c := range sortCols {
		if c == sort {
			ok = true
			break
		}
	}
	if !ok {
		sort = "id"
	}
	s.db.QueryContext(r.Context(), "SELECT id FROM torrents ORDER BY "+sort)
}

// slices.Contains, the failing branch ends the program.
func (s *Server) contains(w http.ResponseWriter, r *http.Request) {
	sort := r.URL.Query().Get("sort")
	if !slices.Contains(sortCols, sort) {
		log.Fatalf("bad sort %q", sort)
	}
	s.db.QueryContext(r.Context(), "SELECT id FROM torrents ORDER BY "+sort)
}

// A switch that lists the allowed columns and replaces the rest.
func (s *Server) switchDefault(w http.ResponseWriter, r *http.Request) {
	sort := r.URL.Query().Get("sort")
	switch sort {
	case "name", "created_at", "price":
	default:
		sort = "id"
	}
	s.db.Query("SELECT id FROM products ORDER BY " + sort)
}

// The use inside the branch where the check holds.
func (s *Server) inside(w http.ResponseWriter, r *http.Request) {
	sort := r.FormValue("sort")
	if sort == "name" || sort == "price" {
		s.db.Query("SELECT id FROM products ORDER BY " + sort)
	}
}

var identRE = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// An identifier-only regular expression, anchored at both ends.
func (s *Server) identifier(w http.ResponseWriter, r *http.Request) {
	sort := r.URL.Query().Get("sort")
	if !identRE.MatchString(sort) {
		http.Error(w, "bad sort", 400)
		return
	}
	s.db.Query(fmt.Sprintf("SELECT id FROM products ORDER BY %s", sort))
}

// Validators of the package: an error, a bool, a value after the check.
func validateSort(sort string) error {
	if !slices.Contains(sortCols, sort) {
		return fmt.Errorf("invalid sort: %s", sort)
	}
	return nil
}

func isSort(sort string) bool {
	_, ok := validSorts[sort]
	return ok
}

func sortOrDefault(sort string) string {
	if validSorts[sort] {
		return sort
	}
	return "id"
}

func (s *Server) helpers(w http.ResponseWriter, r *http.Request) {
	sort := r.URL.Query().Get("sort")
	if err := validateSort(sort); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	s.db.Query("SELECT id FROM torrents ORDER BY " + sort)

	by := r.FormValue("by")
	if !isSort(by) {
		return
	}
	s.db.Query("SELECT id FROM torrents ORDER BY " + by)

	s.db.Query("SELECT id FROM torrents ORDER BY " + sortOrDefault(r.FormValue("s")))
}

// Validators of another package, through facts.
func (s *Server) imported(w http.ResponseWriter, r *http.Request) {
	a := r.FormValue("a")
	if err := sortcheck.Validate(a); err != nil {
		return
	}
	b, err := sortcheck.Column(r.FormValue("b"))
	if err != nil {
		return
	}
	c := r.FormValue("c")
	if !sortcheck.Known(c) {
		return
	}
	s.db.Query("SELECT id FROM torrents ORDER BY " + a + ", " + b + ", " + c)
}

// The checks that do not protect the value.

// The failing branch logs and goes on.
func (s *Server) logsOnly(w http.ResponseWriter, r *http.Request) {
	sort := r.URL.Query().Get("sort")
	if !validSorts[sort] {
		log.Printf("unknown sort %q", sort)
	}
	s.db.Query("SELECT id FROM torrents ORDER BY " + sort) // want `user input r.URL.Query\(\).Get\("sort"\) as a table or column name`
}

// The set comes from the request too.
func (s *Server) dynamicSet(w http.ResponseWriter, r *http.Request) {
	allowed := strings.Split(r.FormValue("allowed"), ",")
	sort := r.FormValue("sort")
	if !slices.Contains(allowed, sort) {
		return
	}
	s.db.Query("SELECT id FROM torrents ORDER BY " + sort) // want `user input r.FormValue\("sort"\) as a table or column name`
}

// A map that a request adds keys to.
var learned = map[string]bool{"id": true}

func (s *Server) learnedSet(w http.ResponseWriter, r *http.Request) {
	learned[r.FormValue("new")] = true
	sort := r.FormValue("sort")
	if !learned[sort] {
		return
	}
	s.db.Query("SELECT id FROM torrents ORDER BY " + sort) // want `user input r.FormValue\("sort"\) as a table or column name`
}

// The check is on another variable.
func (s *Server) otherVar(w http.ResponseWriter, r *http.Request) {
	sort := r.FormValue("sort")
	col := r.FormValue("col")
	if !validSorts[col] {
		return
	}
	s.db.Query("SELECT id FROM torrents ORDER BY " + sort) // want `user input r.FormValue\("sort"\) as a table or column name`
}

// Checked, then overwritten with the raw input.
func (s *Server) reassigned(w http.ResponseWriter, r *http.Request) {
	sort := r.FormValue("sort")
	if !validSorts[sort] {
		return
	}
	sort = r.FormValue("sort2")
	s.db.Query("SELECT id FROM torrents ORDER BY " + sort) // want `user input r.FormValue\("sort2?"\) as a table or column name`
}

// A flag that the loop sets whatever it finds.
func (s *Server) flagAlways(w http.ResponseWriter, r *http.Request) {
	sort := r.FormValue("sort")
	ok := false
	for _, c := range sortCols {
		if c == sort {
			log.Print("found")
		}
		ok = true
	}
	if !ok {
		return
	}
	s.db.Query("SELECT id FROM torrents ORDER BY " + sort) // want `user input r.FormValue\("sort"\) as a table or column name`
}

// A switch whose default keeps the value.
func (s *Server) switchKeeps(w http.ResponseWriter, r *http.Request) {
	sort := r.FormValue("sort")
	switch sort {
	case "name":
	default:
		log.Print("other sort")
	}
	s.db.Query("SELECT id FROM products ORDER BY " + sort) // want `user input r.FormValue\("sort"\) as a table or column name`
}

var (
	spacesRE    = regexp.MustCompile(`^[a-z_ ,]+$`)
	unanchored  = regexp.MustCompile(`[a-z_]+`)
	multiLineRE = regexp.MustCompile(`(?m)^[a-z_]+$`)
)

// Regular expressions that let through more than an identifier.
func (s *Server) looseRegexps(w http.ResponseWriter, r *http.Request) {
	a, b, c := r.FormValue("a"), r.FormValue("b"), r.FormValue("c")
	if !spacesRE.MatchString(a) || !unanchored.MatchString(b) || !multiLineRE.MatchString(c) {
		return
	}
	s.db.Query("SELECT id FROM t ORDER BY " + a) // want `user input r.FormValue\("a"\) as a table or column name`
	s.db.Query("SELECT id FROM t ORDER BY " + b) // want `user input r.FormValue\("b"\) as a table or column name`
	s.db.Query("SELECT id FROM t ORDER BY " + c) // want `user input r.FormValue\("c"\) as a table or column name`
}

// A validator that says yes whatever it finds, of this package and of
// another.
func lenient(sort string) bool {
	if !validSorts[sort] {
		log.Print("unknown sort")
	}
	return true
}

func (s *Server) lenientCheck(w http.ResponseWriter, r *http.Request) {
	sort := r.FormValue("sort")
	if !lenient(sort) || !sortcheck.Logged(sort) {
		return
	}
	s.db.Query("SELECT id FROM torrents ORDER BY " + sort) // want `user input r.FormValue\("sort"\) as a table or column name`
}

// The check in the handler does not reach into a closure run later.
func (s *Server) closure(w http.ResponseWriter, r *http.Request) {
	sort := r.FormValue("sort")
	run := func() {
		s.db.Query("SELECT id FROM torrents ORDER BY " + sort) // want `user input r.FormValue\("sort"\) as a table or column name`
	}
	if !validSorts[sort] {
		sort = r.FormValue("fallback")
	}
	run()
}

// A loop over the keys of a constant map, and over those of a map the
// request fills.
func (s *Server) mapKeys(w http.ResponseWriter, r *http.Request) {
	sort := r.FormValue("sort")
	known := false
	for k := range validSorts {
		if k == sort {
			known = true
		}
	}
	if !known {
		return
	}
	s.db.Query("SELECT id FROM torrents ORDER BY " + sort)

	seen := map[string]bool{}
	for _, a := range strings.Split(r.FormValue("allowed"), ",") {
		seen[a] = true
	}
	by := r.FormValue("by")
	found := false
	for k := range seen {
		if k == by {
			found = true
		}
	}
	if !found {
		return
	}
	s.db.Query("SELECT id FROM torrents ORDER BY " + by) // want `user input r.FormValue\("by"\) as a table or column name`
}
