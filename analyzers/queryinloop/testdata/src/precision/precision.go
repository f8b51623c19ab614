// Package precision has loops from gitea that look like N+1s where
// batching is not the remedy, each beside a look-alike that is one.
package precision

import (
	"context"
	"database/sql"

	"notify"
)

var db *sql.DB

func loadUser(ctx context.Context, id int64) string {
	var name string
	db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = $1", id).Scan(&name)
	return name
}

// addAssignees checks each new assignee and tells the program's
// listeners: each assignment is an event of its own, which mail,
// webhooks and feeds handle.
func addAssignees(ctx context.Context, issueID int64, users []int64) {
	for _, u := range users {
		if loadUser(ctx, u) == "" {
			continue
		}
		notify.AssigneeAdded(ctx, issueID, u)
	}
}

// welcomeAssignees tells the listeners of some assignees only: the
// lookup of the others is a query per item.
func welcomeAssignees(ctx context.Context, issueID int64, users []int64) {
	for _, u := range users {
		if loadUser(ctx, u) == "admin" { // want `^warning: loadUser in a loop runs one query per iteration .*elsewhere\)$`
			notify.AssigneeAdded(ctx, issueID, u)
		}
	}
}

// renderAll asks for a rendering per issue: no listener is told of an
// event, the query per issue is an N+1.
func renderAll(ctx context.Context, issues []int64) {
	for _, id := range issues {
		var title string
		db.QueryRowContext(ctx, "SELECT title FROM issues WHERE id = $1", id).Scan(&title) // want `^warning: db.QueryRowContext in a loop runs one query per iteration`
		notify.Render(id)
	}
}

// unassign removes an assignee and tells the listeners.
func unassign(ctx context.Context, issueID, userID int64) error {
	if _, err := db.ExecContext(ctx, "DELETE FROM issue_assignees WHERE issue_id = $1 AND user_id = $2", issueID, userID); err != nil {
		return err
	}
	notify.AssigneeAdded(ctx, issueID, 0)
	return nil
}

// unassignQuietly removes an assignee without an event.
func unassignQuietly(ctx context.Context, issueID, userID int64) error {
	_, err := db.ExecContext(ctx, "DELETE FROM issue_assignees WHERE issue_id = $1 AND user_id = $2", issueID, userID)
	return err
}

// dropOthers unassigns the former assignees no longer kept: each
// unassignment is an event the listeners hear of, even if only some
// iterations make one.
func dropOthers(ctx context.Context, issueID int64, former []int64, keep map[int64]bool) {
	for _, u := range former {
		if !keep[u] {
			unassign(ctx, issueID, u)
		}
	}
}

// dropOthersQuietly does the same without events: one DELETE with IN
// would do.
func dropOthersQuietly(ctx context.Context, issueID int64, former []int64, keep map[int64]bool) {
	for _, u := range former {
		if !keep[u] {
			unassignQuietly(ctx, issueID, u) // want `^warning: unassignQuietly in a loop runs one query per iteration`
		}
	}
}

// reprioritize gives each rule a priority of its own, counted up: one
// UPDATE per rule, as no single statement sets distinct values.
func reprioritize(ctx context.Context, ids []int64) {
	prio := 1
	for _, id := range ids {
		db.ExecContext(ctx, "UPDATE rules SET priority = $1 WHERE id = $2", prio, id)
		prio++
	}
}

// resetPriorities gives every rule the same priority: one UPDATE with IN
// would do.
func resetPriorities(ctx context.Context, ids []int64) {
	prio := 1
	for _, id := range ids {
		db.ExecContext(ctx, "UPDATE rules SET priority = $1 WHERE id = $2", prio, id) // want `^warning: db.ExecContext in a loop runs one query per iteration`
	}
}

// permissions loads the permission of each blocker's repository once:
// the miss of a per-key cache, in the else branch.
func permissions(ctx context.Context, repos []int64) {
	perms := make(map[int64]string)
	for _, id := range repos {
		var perm string
		if p, ok := perms[id]; ok {
			perm = p
		} else {
			db.QueryRowContext(ctx, "SELECT mode FROM access WHERE repo_id = $1", id).Scan(&perm)
			perms[id] = perm
		}
		_ = perm
	}
}

// permissionsUncached tests the map but never fills it: a query per
// repository.
func permissionsUncached(ctx context.Context, repos []int64, perms map[int64]string) {
	for _, id := range repos {
		var perm string
		if p, ok := perms[id]; ok {
			perm = p
		} else {
			db.QueryRowContext(ctx, "SELECT mode FROM access WHERE repo_id = $1", id).Scan(&perm) // want `^warning: db.QueryRowContext in a loop runs one query per iteration`
		}
		_ = perm
	}
}

// roles describes each comment's poster once: a poster already described
// continues the loop before the load, which fills the cache after it.
func roles(ctx context.Context, posters []int64) {
	marked := make(map[int64]string)
	for _, id := range posters {
		role, ok := marked[id]
		if ok {
			_ = role
			continue
		}
		db.QueryRowContext(ctx, "SELECT role FROM members WHERE user_id = $1", id).Scan(&role)
		marked[id] = role
	}
}

// reviewRoles walks the code comments of each review, line by line
// (gitea's issue view): the cache lasts all the loops, so each poster is
// described once, whichever loop is counted.
func reviewRoles(ctx context.Context, reviews [][][]int64) {
	marked := make(map[int64]string)
	var role string
	var ok bool
	for _, files := range reviews {
		for _, lines := range files {
			for _, id := range lines {
				role, ok = marked[id]
				if ok {
					continue
				}
				db.QueryRowContext(ctx, "SELECT role FROM members WHERE user_id = $1", id).Scan(&role)
				marked[id] = role
			}
		}
	}
}

// packageInfos tests the map with one key and fills it with another
// (gitea's conan search): nothing is cached, a query per reference.
func packageInfos(ctx context.Context, revisions [][]string) {
	result := make(map[string]string)
	for _, refs := range revisions {
		for _, ref := range refs {
			if _, ok := result[ref]; ok {
				continue
			}
			var info string
			db.QueryRowContext(ctx, "SELECT info FROM package_property WHERE ref = $1", ref).Scan(&info) // want `^warning: db.QueryRowContext in a loop runs one query per iteration`
			result[ref+"#latest"] = info
		}
	}
}

// reviewRolesPerReview makes the cache anew per review: a query per
// poster of each review, the outer loop's N+1.
func reviewRolesPerReview(ctx context.Context, reviews [][]int64) {
	for _, lines := range reviews {
		marked := make(map[int64]string)
		for _, id := range lines {
			if _, ok := marked[id]; ok {
				continue
			}
			var role string
			db.QueryRowContext(ctx, "SELECT role FROM members WHERE user_id = $1", id).Scan(&role) // want `^warning: db.QueryRowContext in a loop runs one query per iteration`
			marked[id] = role
		}
	}
}

// rolesUnfilled skips the posters its caller marked but never marks one
// itself: a query per comment.
func rolesUnfilled(ctx context.Context, posters []int64, marked map[int64]string) {
	for _, id := range posters {
		if _, ok := marked[id]; ok {
			continue
		}
		var role string
		db.QueryRowContext(ctx, "SELECT role FROM members WHERE user_id = $1", id).Scan(&role) // want `^warning: db.QueryRowContext in a loop runs one query per iteration`
	}
}

// userByEmail loads a commit's author through a cache its caller keeps.
func userByEmail(ctx context.Context, users map[string]string, email string) string {
	name, ok := users[email]
	if !ok {
		db.QueryRowContext(ctx, "SELECT name FROM users WHERE email = $1", email).Scan(&name)
		users[email] = name
	}
	return name
}

// authorAndBranch also loads a branch per call, beside the cached author.
func authorAndBranch(ctx context.Context, users map[string]string, email string) string {
	name, ok := users[email]
	if !ok {
		db.QueryRowContext(ctx, "SELECT name FROM users WHERE email = $1", email).Scan(&name)
		users[email] = name
	}
	var branch string
	db.QueryRowContext(ctx, "SELECT name FROM branches WHERE author = $1", name).Scan(&branch)
	return branch
}

// commitAuthors hands the helper a map that lasts the loop: one query
// per distinct email.
func commitAuthors(ctx context.Context, emails []string) {
	users := make(map[string]string)
	for _, e := range emails {
		userByEmail(ctx, users, e)
	}
}

// commitBranches does too, but the helper loads a branch per commit.
func commitBranches(ctx context.Context, emails []string) {
	users := make(map[string]string)
	for _, e := range emails {
		authorAndBranch(ctx, users, e) // want `^warning: authorAndBranch in a loop runs one query per iteration`
	}
}

// trust calls check at most once per key of seen, which it keeps: what
// the caller's loop costs is one call per distinct key.
func trust(key string, check func(id int64) bool, seen *map[string]bool) bool {
	if v, ok := (*seen)[key]; ok {
		return v
	}
	v := check(1)
	(*seen)[key] = v
	return v
}

// verifyCommits checks each commit's signer through trust, with a cache
// that lasts the loop.
func verifyCommits(ctx context.Context, keys []string, repoID int64) {
	seen := make(map[string]bool)
	for _, k := range keys {
		trust(k, func(id int64) bool {
			var n int
			db.QueryRowContext(ctx, "SELECT count(*) FROM collaboration WHERE repo_id = $1 AND user_id = $2", repoID, id).Scan(&n)
			return n > 0
		}, &seen)
	}
}

// verifyCommitsAfresh makes the cache anew for each commit: the check
// runs per commit.
func verifyCommitsAfresh(ctx context.Context, keys []string, repoID int64) {
	for _, k := range keys {
		seen := make(map[string]bool)
		trust(k, func(id int64) bool {
			var n int
			db.QueryRowContext(ctx, "SELECT count(*) FROM collaboration WHERE repo_id = $1 AND user_id = $2", repoID, id).Scan(&n) // want `^warning: db.QueryRowContext in a loop runs one query per iteration`
			return n > 0
		}, &seen)
	}
}
