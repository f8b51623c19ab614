package web

import (
	"net/http"

	"realmod/callersapp/model"
)

// UploadConda creates a package with the two properties conda packages
// have.
func UploadConda(w http.ResponseWriter, r *http.Request) {
	model.CreatePackage(r.Context(), &model.PackageInfo{
		Name: r.FormValue("name"),
		Properties: map[string]string{
			"conda.name":    r.FormValue("name"),
			"conda.channel": r.FormValue("channel"),
		},
	})
}

// UploadMaven makes the description first and reads fields of it; it
// sets no property.
func UploadMaven(w http.ResponseWriter, r *http.Request) {
	info := &model.PackageInfo{Name: "maven"}
	if info.Name == "" {
		return
	}
	model.CreatePackage(r.Context(), info)
}

// UploadLabeled labels the package with every stored label.
func UploadLabeled(w http.ResponseWriter, r *http.Request) {
	model.CreatePackage(r.Context(), &model.PackageInfo{Name: "x", Labels: model.StoredLabels(r.Context())})
}

// ImportConda imports with the two properties, in place.
func ImportConda(w http.ResponseWriter, r *http.Request) {
	model.ImportPackage(r.Context(), &model.PackageInfo{Properties: map[string]string{"conda.name": "x"}})
}

// ImportStored imports with the properties of a table, set after the
// literal is made.
func ImportStored(w http.ResponseWriter, r *http.Request) {
	info := &model.PackageInfo{Name: "x"}
	info.Properties = model.StoredProperties(r.Context())
	model.ImportPackage(r.Context(), info)
}

// Labels recounts the labels, in a variable's declaration.
func Labels(w http.ResponseWriter, r *http.Request) {
	var n = model.RecountLabels(r.Context())
	_ = n
}
