// want package:`1 uses`

// Package assignweb hands assign.Check the assignees of a form.
package assignweb

import (
	"encoding/json"
	"net/http"

	"assign"
)

func newIssue(w http.ResponseWriter, r *http.Request) {
	var form struct{ Assignees []int64 }
	json.NewDecoder(r.Body).Decode(&form)
	assign.Check(r.Context(), form.Assignees)
}
