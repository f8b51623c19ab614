package precision

import (
	"encoding/json"
	"net/http"
	"strings"

	"gorm.io/gorm"
)

type Pull struct {
	ID         int64
	HeadBranch string
}

// UpdateCols saves the named columns of the pull request.
func (p *Pull) UpdateCols(gdb *gorm.DB, cols ...string) error {
	return gdb.Model(p).Select(cols).Updates(p).Error
}

// renameBranches rewrites each pull request's head branch after a user
// renamed: each row gets a value of its own, which no single UPDATE sets.
func renameBranches(gdb *gorm.DB, pulls []*Pull, prefix string) {
	for _, p := range pulls {
		p.HeadBranch = prefix + strings.TrimPrefix(p.HeadBranch, "old/")
		p.UpdateCols(gdb, "head_branch")
	}
}

// touchBranches saves the pull requests unchanged: one UPDATE with IN
// would do.
func touchBranches(gdb *gorm.DB, pulls []*Pull) {
	for _, p := range pulls {
		p.UpdateCols(gdb, "head_branch") // want `^warning: p.UpdateCols in a loop runs one query per iteration`
	}
}

type badgeForm struct {
	Slugs string
}

type Badge struct{ Slug string }

// badgesOf turns a form into the badges it names.
func badgesOf(f badgeForm) []*Badge {
	var out []*Badge
	for _, s := range strings.Split(f.Slugs, ",") {
		out = append(out, &Badge{Slug: s})
	}
	return out
}

var defaultBadges = badgeForm{Slugs: "a,b,c,d,e,f"}

// grantBadges looks up each badge the admin's form names: the handful a
// user typed.
func grantBadges(w http.ResponseWriter, r *http.Request) {
	var form badgeForm
	json.NewDecoder(r.Body).Decode(&form)
	for _, b := range badgesOf(form) {
		db.QueryRowContext(r.Context(), "SELECT id FROM badge WHERE slug = $1", b.Slug) // want `^note: db.QueryRowContext in a loop runs one query per item of badgesOf\(form\), which the request names`
	}
}

// grantDefaultBadges looks up the badges of the program's own list.
func grantDefaultBadges(w http.ResponseWriter, r *http.Request) {
	for _, b := range badgesOf(defaultBadges) {
		db.QueryRowContext(r.Context(), "SELECT id FROM badge WHERE slug = $1", b.Slug) // want `^warning: db.QueryRowContext in a loop runs one query per iteration`
	}
}
