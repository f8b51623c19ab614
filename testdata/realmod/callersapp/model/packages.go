package model

import "context"

// PackageInfo describes a package to create, as gitea's
// PackageCreationInfo does: the properties are the few each kind of
// package sets in its handler.
type PackageInfo struct {
	Name       string
	Properties map[string]string
	Labels     []string
}

// CreatePackage creates a package and its properties.
func CreatePackage(ctx context.Context, info *PackageInfo) error {
	return createPackage(ctx, info)
}

func createPackage(ctx context.Context, info *PackageInfo) error {
	DB.ExecContext(ctx, "INSERT INTO package (name) VALUES ($1)", info.Name)
	// Every caller writes the properties as a literal of two keys, or
	// sets none: two inserts at most.
	for name, value := range info.Properties {
		DB.ExecContext(ctx, "INSERT INTO package_property (package, name, value) VALUES ($1, $2, $3)", info.Name, name, value)
	}
	// One caller fills the labels from a table: an insert per row.
	for _, l := range info.Labels {
		DB.ExecContext(ctx, "INSERT INTO package_label (package, label) VALUES ($1, $2)", info.Name, l) // want `^DB.ExecContext in a loop runs one query per iteration`
	}
	return nil
}

// ImportPackage does the same, but one caller sets the properties it
// read from a table after making the literal.
func ImportPackage(ctx context.Context, info *PackageInfo) {
	for name, value := range info.Properties {
		DB.ExecContext(ctx, "INSERT INTO package_property (package, name, value) VALUES ($1, $2, $3)", info.Name, name, value) // want `^DB.ExecContext in a loop runs one query per iteration`
	}
}

// StoredLabels reads every label of a table.
func StoredLabels(ctx context.Context) []string {
	var out []string
	rows, _ := DB.QueryContext(ctx, "SELECT name FROM label")
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// StoredProperties reads every property of a table.
func StoredProperties(ctx context.Context) map[string]string {
	out := make(map[string]string)
	rows, _ := DB.QueryContext(ctx, "SELECT name, value FROM property")
	for rows.Next() {
		var k, v string
		rows.Scan(&k, &v)
		out[k] = v
	}
	return out
}

// TagPackage stores the properties of a package as tags; one caller adds
// a key per stored label after making the literal: a query per row.
func TagPackage(ctx context.Context, info *PackageInfo) {
	for name, value := range info.Properties {
		DB.ExecContext(ctx, "INSERT INTO package_tag (package, name, value) VALUES ($1, $2, $3)", info.Name, name, value) // want `^DB.ExecContext in a loop runs one query per iteration`
	}
}

// MarkPackage stores the marks of a package; one caller makes the map
// of two constant keys and then adds one per stored label.
func MarkPackage(ctx context.Context, info *PackageInfo) {
	for name, value := range info.Properties {
		DB.ExecContext(ctx, "INSERT INTO package_mark (package, name, value) VALUES ($1, $2, $3)", info.Name, name, value) // want `^DB.ExecContext in a loop runs one query per iteration`
	}
}
