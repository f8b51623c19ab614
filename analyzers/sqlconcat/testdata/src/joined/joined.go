// Package joined builds dynamic filters: conditions appended to a list, // want package:"uses sql" package:"sql dialect: [$]N"
// joined with AND into the WHERE clause. An element that splices a value
// in makes the whole list injectable.
package joined

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"
	"gorm.io/gorm"
)

type Filter struct {
	Name   string
	Status string
	Column string
	IDs    []int64
}

type Repo struct {
	db *sql.DB
	x  *sqlx.DB
	g  *gorm.DB
}

// The shape of the real bug: a value between quotes in an element.
func (r *Repo) search(ctx context.Context, f Filter) (*sql.Rows, error) {
	var conds []string
	if f.Name != "" {
		conds = append(conds, "name ILIKE '%"+f.Name+"%'")
	}
	if f.Status != "" {
		conds = append(conds, "status = '"+f.Status+"'")
	}
	q := "SELECT id FROM users"
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	return r.db.QueryContext(ctx, q) // want `r.db.QueryContext runs SQL built from field f.Name, in conds: .* pass it as an argument with a \$N placeholder`
}

func (r *Repo) byParam(ctx context.Context, status string) (*sql.Rows, error) {
	var conds []string
	conds = append(conds, "status = '"+status+"'")
	q := "SELECT id FROM users WHERE " + strings.Join(conds, " AND ")
	return r.db.QueryContext(ctx, q) // want `runs SQL built from parameter status, in conds: .* pass it as an argument`
}

func (r *Repo) literal(ctx context.Context, status string) (*sql.Rows, error) {
	conds := []string{"status = '" + status + "'"}
	return r.db.QueryContext(ctx, "SELECT id FROM users WHERE "+strings.Join(conds, " AND ")) // want `runs SQL built from parameter status`
}

func (r *Repo) sprintf(ctx context.Context, status string) (*sql.Rows, error) {
	where := []string{"deleted_at IS NULL"}
	if status != "" {
		where = append(where, fmt.Sprintf("status = '%s'", status))
	}
	return r.db.QueryContext(ctx, "SELECT id FROM users WHERE "+strings.Join(where, " AND ")) // want `runs SQL built from parameter status`
}

// The joined text in a variable, and a list spread into another.
func (r *Repo) spread(ctx context.Context, f Filter) (*sql.Rows, error) {
	var extra []string
	extra = append(extra, fmt.Sprintf("name = %q", f.Name))
	conds := append([]string{"deleted_at IS NULL"}, extra...)
	where := strings.Join(conds, " AND ")
	return r.db.QueryContext(ctx, fmt.Sprintf("SELECT id FROM users WHERE %s", where)) // want `runs SQL built from field f.Name`
}

// User input in an element is the worst: it is the one named.
func handler(w http.ResponseWriter, req *http.Request, db *sql.DB) {
	conds := []string{"deleted_at IS NULL"}
	conds = append(conds, "org = "+req.FormValue("org"))
	db.Query("SELECT id FROM users WHERE " + strings.Join(conds, " AND ")) // want `db.Query runs SQL built from user input req.FormValue\("org"\), in conds: .* pass it as an argument`
}

// gorm's Where takes a condition: the joined list is one.
func (r *Repo) gormWhere(f Filter) {
	var conds []string
	conds = append(conds, "status = '"+f.Status+"'")
	var out []Filter
	r.g.Where(strings.Join(conds, " AND ")).Find(&out) // want `r.g.Where runs SQL built from field f.Status`
}

// A helper that returns the joined conditions.
func whereClause(f Filter) string {
	var conds []string
	if f.Status != "" {
		conds = append(conds, "status = '"+f.Status+"'")
	}
	return strings.Join(conds, " AND ")
}

func (r *Repo) viaHelper(ctx context.Context, f Filter) (*sql.Rows, error) {
	return r.db.QueryContext(ctx, "SELECT id FROM users WHERE "+whereClause(f)) // want `runs SQL built from field f.Status, in conds in whereClause`
}

// The fixed versions: placeholders, numbered or not.
func (r *Repo) numbered(ctx context.Context, f Filter) (*sql.Rows, error) {
	var conds []string
	var args []any
	if f.Name != "" {
		args = append(args, "%"+f.Name+"%")
		conds = append(conds, fmt.Sprintf("name ILIKE $%d", len(args)))
	}
	if f.Status != "" {
		args = append(args, f.Status)
		conds = append(conds, fmt.Sprintf("status = $%d", len(args)))
	}
	q := "SELECT id FROM users"
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	return r.db.QueryContext(ctx, q, args...)
}

func (r *Repo) question(ctx context.Context, f Filter) (*sql.Rows, error) {
	var conds []string
	var args []any
	if f.Status != "" {
		conds = append(conds, "status = ?")
		args = append(args, f.Status)
	}
	return r.db.QueryContext(ctx, "SELECT id FROM users WHERE "+strings.Join(conds, " AND "), args...)
}

func (r *Repo) in(ctx context.Context, f Filter) ([]int64, error) {
	query, args, err := sqlx.In("SELECT id FROM users WHERE id IN (?) AND status = ?", f.IDs, f.Status)
	if err != nil {
		return nil, err
	}
	query = r.x.Rebind(query)
	var out []int64
	err = r.x.SelectContext(ctx, &out, query, args...)
	return out, err
}

func (r *Repo) builder(ctx context.Context, f Filter) (*sql.Rows, error) {
	var sb strings.Builder
	sb.WriteString("SELECT id FROM users WHERE deleted_at IS NULL")
	var args []any
	if f.Status != "" {
		sb.WriteString(" AND status = ?")
		args = append(args, f.Status)
	}
	return r.db.QueryContext(ctx, sb.String(), args...)
}

// Configuration and a number in an element are no values an attacker
// chooses.
var tenant string

func (r *Repo) configured(ctx context.Context, f Filter, limit int) (*sql.Rows, error) {
	conds := []string{"tenant = '" + tenant + "'", fmt.Sprintf("n < %d", limit)}
	conds = append(conds, f.Column+" = ?")
	return r.db.QueryContext(ctx, "SELECT id FROM users WHERE "+strings.Join(conds, " AND "), f.Status)
}

// Columns joined into a select list are names, not values: the field of
// a parameter is the caller's to choose, and judged at its calls.
func (r *Repo) columns(ctx context.Context, f Filter) (*sql.Rows, error) { // want columns:`sql sink: names \[1\] to r.db.QueryContext`
	cols := []string{"id", f.Column}
	return r.db.QueryContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM users")
}
