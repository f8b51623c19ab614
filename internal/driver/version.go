package driver

import (
	"cmp"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// toolsModule is the module whose go/analysis framework runs the
// analyzers: a bug report needs its version as much as ours.
const toolsModule = "golang.org/x/tools"

// printVersion prints the version crisislint was built at, as the go
// command recorded it: a tag for go install …@v1.2.3, "(devel)" for a
// build from a clone, with the commit when the build recorded one.
func printVersion(w io.Writer) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintf(w, "crisislint (unknown: built without module information) %s\n", runtime.Version())
		return
	}
	version := Version()
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			version += " " + s.Value
		}
	}
	tools := "(unknown)"
	for _, d := range info.Deps {
		if d.Path == toolsModule {
			tools = d.Version
			if d.Replace != nil {
				tools += " => " + d.Replace.Path + " " + d.Replace.Version
			}
		}
	}
	fmt.Fprintf(w, "crisislint %s\n%s %s\n%s\n", version, toolsModule, tools, info.GoVersion)
}

// Version returns crisislint's module version: a tag, or "(devel)".
func Version() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		return cmp.Or(info.Main.Version, "(devel)")
	}
	return "(devel)"
}
