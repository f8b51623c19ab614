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

// UploadConan makes the properties as a literal of three constant keys,
// then sets two more constant keys when the upload is of a package
// rather than a recipe (gitea's conan handler): five inserts at most.
// The values are the server's, not the client's.
func UploadConan(w http.ResponseWriter, r *http.Request) {
	info := &model.PackageInfo{
		Name: "conan",
		Properties: map[string]string{
			"conan.user":     "_",
			"conan.channel":  "_",
			"conan.revision": "0",
		},
	}
	if r.Method == http.MethodPut {
		info.Properties["conan.package"] = "package"
		info.Properties["conan.package_revision"] = "0"
	}
	model.CreatePackage(r.Context(), info)
}

// UploadCran fills a map variable from a literal of one constant key and
// sets one more: two inserts.
func UploadCran(w http.ResponseWriter, r *http.Request) {
	props := map[string]string{"cran.type": "source"}
	if r.Method == http.MethodPut {
		props["cran.platform"] = "linux"
	}
	model.CreatePackage(r.Context(), &model.PackageInfo{Name: "cran", Properties: props})
}

// TagStored starts from a literal, then adds a key per stored label.
func TagStored(w http.ResponseWriter, r *http.Request) {
	info := &model.PackageInfo{Properties: map[string]string{"tag.source": "upload"}}
	for _, l := range model.StoredLabels(r.Context()) {
		info.Properties["tag."+l] = "1"
	}
	model.TagPackage(r.Context(), info)
}

// MarkStored makes a map of two constant keys, then adds one per stored
// label.
func MarkStored(w http.ResponseWriter, r *http.Request) {
	marks := map[string]string{"mark.a": "1", "mark.b": "2"}
	for _, l := range model.StoredLabels(r.Context()) {
		marks[l] = "1"
	}
	model.MarkPackage(r.Context(), &model.PackageInfo{Properties: marks})
}
