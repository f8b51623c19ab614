package fixes

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// Why our own: x/tools applies fixes in an internal package
// (internal/analysis/driverutil), which a driver outside x/tools cannot
// import. What follows is the part of it crisislint needs.

// Edit is a TextEdit resolved to byte offsets in a named file.
type Edit struct {
	File       string
	Start, End int
	New        string
}

// Resolve turns the edits of a fix into file offsets.
func Resolve(fset *token.FileSet, fix *analysis.SuggestedFix) []Edit {
	var out []Edit
	for _, e := range fix.TextEdits {
		start := fset.Position(e.Pos)
		end := start
		if e.End.IsValid() {
			end = fset.Position(e.End)
		}
		out = append(out, Edit{File: start.Filename, Start: start.Offset, End: end.Offset, New: string(e.NewText)})
	}
	return out
}

// Merge applies whole fixes, in order, to the files they touch: a fix
// whose edits overlap the edits of a fix already taken is skipped whole
// (identical edits, such as one import added by two fixes, are merged).
// It returns the new content of each file and, per fix, whether it was
// applied. read returns a file's current content.
func Merge(fixes [][]Edit, read func(string) ([]byte, error)) (map[string][]byte, []bool, error) {
	taken := make(map[string][]Edit)
	applied := make([]bool, len(fixes))
	for i, fix := range fixes {
		if conflicts(taken, fix) {
			continue
		}
		applied[i] = true
		for _, e := range fix {
			if !slices.Contains(taken[e.File], e) {
				taken[e.File] = append(taken[e.File], e)
			}
		}
	}
	out := make(map[string][]byte)
	for file, edits := range taken {
		src, err := read(file)
		if err != nil {
			return nil, nil, err
		}
		// Stable: insertions at one point keep the order they were made in.
		slices.SortStableFunc(edits, func(a, b Edit) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
		})
		var buf bytes.Buffer
		last := 0
		for _, e := range edits {
			if e.Start < last || e.End > len(src) {
				return nil, nil, fmt.Errorf("%s: overlapping or out-of-range edit at offset %d", file, e.Start)
			}
			buf.Write(src[last:e.Start])
			buf.WriteString(e.New)
			last = e.End
		}
		buf.Write(src[last:])
		out[file] = buf.Bytes()
	}
	return out, applied, nil
}

func conflicts(taken map[string][]Edit, fix []Edit) bool {
	for _, e := range fix {
		for _, t := range taken[e.File] {
			if e == t {
				continue
			}
			// Overlapping ranges conflict, and so does an insertion at
			// the start or end of a replaced range (which first?). Two
			// insertions at one point do not: they go in fix order.
			overlap := e.Start < t.End && t.Start < e.End
			edge := (e.Start == e.End) != (t.Start == t.End) && (e.Start == t.Start || e.End == t.End)
			if overlap || edge {
				return true
			}
		}
	}
	return false
}

// Format formats fixed Go source and drops the imports that the fixes
// left unused: those the original used and the fixed file no longer does.
// name gives the package name of an import path, "" when unknown.
func Format(original, fixed []byte, name func(path string) string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "fixed.go", fixed, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	before := selectorUses(original)
	after := selectorUses(fixed)
	var unused [][2]string // name as written, path
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		n := name(path)
		explicit := ""
		if spec.Name != nil {
			n, explicit = spec.Name.Name, spec.Name.Name
		}
		if n == "" || n == "_" || n == "." {
			continue
		}
		if before[n] > 0 && after[n] == 0 {
			unused = append(unused, [2]string{explicit, path})
		}
	}
	for _, u := range unused { // not while ranging over f.Imports, which this changes
		astutil.DeleteNamedImport(fset, f, u[0], u[1])
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// selectorUses counts, per identifier, its uses as the left side of a
// selector (pkg.Name) in src.
func selectorUses(src []byte) map[string]int {
	uses := make(map[string]int)
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		return uses
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				uses[id.Name]++
			}
		}
		return true
	})
	return uses
}
