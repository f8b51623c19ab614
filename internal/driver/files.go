package driver

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Files as arguments (crisislint api/users.go store/store.go), as a
// pre-commit hook or an editor names them, ask for the findings in those
// files. crisislint analyzes the packages that contain them, whole, with
// their dependencies' facts as usual (a finding in users.go may depend on
// what the rest of its package does), and reports only the findings in
// the named files. The files may belong to several modules (a monorepo
// without a go.work): each module is analyzed from its own root.

// fileArgs reports whether every argument names a Go file.
func fileArgs(args []string) bool {
	for _, a := range args {
		if !strings.HasSuffix(a, ".go") {
			return false
		}
	}
	return len(args) > 0
}

// AnalyzeFiles runs base on the packages of files and keeps the findings
// in those files. Test files are left out: crisislint reports nothing in
// test code. A file may exist only in base.Overlay (an editor's new,
// unsaved file).
func AnalyzeFiles(base Request, files []string) (*Outcome, error) {
	byRoot := make(map[string]map[string]bool) // module root → package directories
	named := make(map[string]bool)
	for _, f := range files {
		abs, err := filepath.Abs(filepath.Join(base.Dir, f))
		if err != nil {
			return nil, err
		}
		if strings.HasSuffix(abs, "_test.go") {
			continue
		}
		if _, ok := base.Overlay[abs]; !ok {
			if _, err := os.Stat(abs); err != nil {
				return nil, err
			}
		}
		root := FindModule(filepath.Dir(abs))
		if root == "" {
			return nil, fmt.Errorf("%s is not in a Go module (no go.mod above it)", f)
		}
		if byRoot[root] == nil {
			byRoot[root] = make(map[string]bool)
		}
		byRoot[root][filepath.Dir(abs)] = true
		named[abs] = true
	}
	out := &Outcome{}
	roots := make([]string, 0, len(byRoot))
	for r := range byRoot {
		roots = append(roots, r)
	}
	slices.Sort(roots)
	for _, root := range roots {
		req := base
		req.Dir = root
		req.Patterns = nil
		for dir := range byRoot[root] {
			rel, err := filepath.Rel(root, dir)
			if err != nil {
				return nil, err
			}
			req.Patterns = append(req.Patterns, "./"+filepath.ToSlash(rel))
		}
		slices.Sort(req.Patterns)
		o, err := Analyze(req)
		if err != nil {
			return nil, err
		}
		out.Problems = append(out.Problems, o.Problems...)
		out.Findings = append(out.Findings, o.Findings...)
	}
	out.keep(func(f Finding) bool { return named[f.Pos.Filename] })
	slices.SortStableFunc(out.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Pos.Filename, b.Pos.Filename), cmp.Compare(a.Pos.Offset, b.Pos.Offset))
	})
	return out, nil
}

// FindModule returns the directory of the go.mod that governs dir, or "".
func FindModule(dir string) string {
	for {
		if fi, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !fi.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// keep drops the findings for which keep is false.
func (o *Outcome) keep(keep func(Finding) bool) {
	o.Findings = slices.DeleteFunc(o.Findings, func(f Finding) bool { return !keep(f) })
}
