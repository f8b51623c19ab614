package driver

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"sort"

	"github.com/crisislint/crisislint/internal/fixes"
	"github.com/rogpeppe/go-internal/diff"
)

// applyFixes applies the first suggested fix of each Finding, skipping a
// fix that conflicts with one already taken, and formats the files it
// changed. With printDiff it prints a unified diff instead of writing.
// It returns the number of findings whose fix was applied.
func applyFixes(found []Finding, printDiff bool, stdout, stderr io.Writer) (int, error) {
	var edits [][]fixes.Edit
	var owners []int // the Finding of each fix
	names := make(map[string]string)
	for i, f := range found {
		if f.Fix == nil {
			continue
		}
		edits = append(edits, f.Fix.Edits)
		owners = append(owners, i)
		maps.Copy(names, f.Fix.names)
	}
	if len(edits) == 0 {
		return 0, nil
	}
	original := make(map[string][]byte)
	read := func(name string) ([]byte, error) {
		if b, ok := original[name]; ok {
			return b, nil
		}
		b, err := os.ReadFile(name)
		original[name] = b
		return b, err
	}
	files, applied, err := fixes.Merge(edits, read)
	if err != nil {
		return 0, err
	}
	fixed := 0
	for i, ok := range applied {
		if ok {
			fixed++
		} else {
			f := found[owners[i]]
			fmt.Fprintf(stderr, "crisislint: %s: fix skipped, it conflicts with another; run crisislint -fix again\n", position(f.Pos))
		}
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		out, err := fixes.Format(original[p], files[p], func(path string) string { return names[path] })
		if err != nil {
			return fixed, fmt.Errorf("%s: the fixed file does not parse (%v); nothing written", rel(p), err)
		}
		files[p] = out
	}
	for _, p := range paths {
		if printDiff {
			// a/ and b/ as git writes them: git apply and patch -p1 take
			// the diff from the directory it was printed in.
			name := filepath.ToSlash(rel(p))
			stdout.Write(diff.Diff("a/"+name, original[p], "b/"+name, files[p]))
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			return fixed, err
		}
		if err := os.WriteFile(p, files[p], info.Mode().Perm()); err != nil {
			return fixed, err
		}
	}
	if !printDiff {
		fmt.Fprintf(stderr, "crisislint: applied %d %s to %d %s\n", fixed, plural(fixed, "fix", "fixes"), len(paths), plural(len(paths), "file", "files"))
	}
	return fixed, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
