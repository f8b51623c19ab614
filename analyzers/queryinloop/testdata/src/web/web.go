// Package web has handlers that loop over what the client sent: the
// issues a user selected, the assignees of a form, the IDs of a query
// string or of a JSON body. The client decides how many: usually a
// handful, a note. A page of rows the handler lists is a warning.
package web

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

var db *sql.DB

// Context carries the request, as gitea's does.
type Context struct {
	Req  *http.Request
	Resp http.ResponseWriter
}

func (ctx *Context) FormString(key string) string { return ctx.Req.FormValue(key) }

func (ctx *Context) FormStrings(key string) []string { return ctx.Req.Form[key] }

func (ctx *Context) FormInt(key string) int {
	n, _ := strconv.Atoi(ctx.Req.FormValue(key))
	return n
}

// GetForm returns the form bound from the request.
func GetForm(ctx *Context) any { return nil }

type CreateIssueForm struct {
	Title       string
	AssigneeIDs []int64
}

type Issue struct{ ID, PosterID int64 }

func getUser(ctx context.Context, id int64) (string, error) {
	var name string
	err := db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name, err
}

func getPoster(ctx context.Context, id int64) (string, error) { return getUser(ctx, id) }

func issuesByIDs(ctx context.Context, ids []int64) []*Issue {
	db.QueryContext(ctx, "SELECT id, poster_id FROM issue WHERE id = ANY($1)", ids)
	return nil
}

// getActionIssues loads the issues the request's issue_ids name, as
// gitea's does.
func getActionIssues(ctx *Context) []*Issue {
	var ids []int64
	for _, s := range strings.Split(ctx.FormString("issue_ids"), ",") {
		id, _ := strconv.ParseInt(s, 10, 64)
		ids = append(ids, id)
	}
	return issuesByIDs(ctx.Req.Context(), ids)
}

// UpdateIssueAssignee acts on the issues the user selected.
func UpdateIssueAssignee(ctx *Context) {
	for _, issue := range getActionIssues(ctx) {
		getPoster(ctx.Req.Context(), issue.PosterID) // want `^note: getPoster in a loop runs one query per item of getActionIssues\(ctx\), which the request names \(loop → getPoster → web.getUser → \(\*sql.DB\).QueryRowContext\): as many round trips as the client sends items; fine for the handful a user selects, but if the list can grow, fetch them all with one query`
		getUser(ctx.Req.Context(), issue.PosterID)   // a note, but the root of a warning in ListIssues: reported there, this call related
	}
}

// CloseIssues closes the issues the user selected: each iteration is the
// action asked for, item by item, not an N+1.
func CloseIssues(ctx *Context) {
	for _, issue := range getActionIssues(ctx) {
		getPoster(ctx.Req.Context(), issue.PosterID)
		db.ExecContext(ctx.Req.Context(), "UPDATE issue SET closed = true WHERE id = $1", issue.ID)
	}
}

// CreatePull dereferences its form.
func CreatePull(ctx *Context) {
	form := *GetForm(ctx).(*CreateIssueForm)
	for _, id := range form.AssigneeIDs {
		db.QueryRowContext(ctx.Req.Context(), "SELECT name FROM users WHERE id = $1", id) // want `^note: db.QueryRowContext in a loop runs one query per item of form.AssigneeIDs, which the request names`
	}
}

// CreateIssue loads the assignees of the form.
func CreateIssue(ctx *Context) {
	form := GetForm(ctx).(*CreateIssueForm)
	for _, id := range form.AssigneeIDs {
		db.QueryRowContext(ctx.Req.Context(), "SELECT name FROM users WHERE id = $1", id) // want `^note: db.QueryRowContext in a loop runs one query per item of form.AssigneeIDs, which the request names`
	}
	for _, name := range ctx.FormStrings("milestone") {
		db.QueryRowContext(ctx.Req.Context(), "SELECT id FROM milestone WHERE name = $1", name) // want `^note: .*per item of ctx.FormStrings\("milestone"\), which the request names`
	}
}

// lookupSelected reads the IDs of the query string and of a JSON body.
func lookupSelected(w http.ResponseWriter, r *http.Request) {
	for _, id := range r.URL.Query()["id"] {
		db.QueryRowContext(r.Context(), "SELECT title FROM issue WHERE id = $1", id) // want `^note: .*per item of r.URL.Query\(\)\["id"\], which the request names`
	}
	var in struct{ IDs []int64 }
	json.NewDecoder(r.Body).Decode(&in)
	for _, id := range in.IDs {
		db.QueryRowContext(r.Context(), "SELECT title FROM issue WHERE id = $1", id) // want `^note: .*per item of in.IDs, which the request names`
	}
}

// deleteSelected deletes the issues the user selected, one by one: the
// action asked for on each item, not an N+1.
func deleteSelected(w http.ResponseWriter, r *http.Request) {
	for _, id := range r.URL.Query()["id"] {
		db.ExecContext(r.Context(), "DELETE FROM issue WHERE id = $1", id)
	}
}

// ListIssues lists a page of issues: the page number comes from the
// request, the rows from the database. A warning.
func ListIssues(ctx *Context) {
	page := ctx.FormInt("page")
	issues := listIssues(ctx.Req.Context(), page)
	for _, issue := range issues {
		getUser(ctx.Req.Context(), issue.PosterID) // want `^warning: getUser in a loop runs one query per iteration \(loop → getUser → \(\*sql.DB\).QueryRowContext\): N items cost N round trips \(N\+1\); .* \(and 1 more call of web.getUser in loops in this package\)$`
	}
}

func listIssues(ctx context.Context, page int) []*Issue {
	db.QueryContext(ctx, "SELECT id, poster_id FROM issue LIMIT 50 OFFSET $1", page*50)
	return nil
}

// parseReviewers is a helper of the handlers: every caller passes the
// names of the request, so its loop walks them.
func parseReviewers(ctx context.Context, names []string) {
	for _, name := range names {
		db.QueryRowContext(ctx, "SELECT id FROM users WHERE name = $1", name) // want `^note: .*per item of names, which the request names`
	}
}

func RequestReview(ctx *Context) {
	parseReviewers(ctx.Req.Context(), ctx.FormStrings("reviewer"))
}

// listNames is called with the request's names and with a list of its
// own: not every caller passes the client's data.
func listNames(ctx context.Context, names []string) {
	for _, name := range names {
		db.QueryRowContext(ctx, "SELECT id FROM users WHERE name = $1", name) // want `^warning: db.QueryRowContext in a loop runs one query per iteration`
	}
}

func NamesFromBoth(ctx *Context, own []string) {
	listNames(ctx.Req.Context(), ctx.FormStrings("name"))
	listNames(ctx.Req.Context(), own)
}
