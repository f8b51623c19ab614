// Package web serves the forms.
package web

import (
	"encoding/json"
	"net/http"

	"realmod/callersapp/codes"
	"realmod/callersapp/model"
)

type issueForm struct {
	Assignees []int64
}

// NewIssue creates an issue with the assignees the form names.
func NewIssue(w http.ResponseWriter, r *http.Request) {
	var form issueForm
	json.NewDecoder(r.Body).Decode(&form)
	model.CheckAssignees(r.Context(), form.Assignees)
	model.CheckUsers(r.Context(), form.Assignees)
}

// Recount recounts the forks on an admin's demand.
func Recount(w http.ResponseWriter, r *http.Request) {
	model.RecountForks(r.Context())
}

// SetupTwoFactor stores the new backup codes of the signed-in user.
func SetupTwoFactor(w http.ResponseWriter, r *http.Request) {
	list, err := codes.Generate()
	if err != nil {
		return
	}
	model.StoreCodes(r.Context(), 1, list)
	model.StoreMany(r.Context(), 1, codes.Many(len(r.URL.Query())))
}
