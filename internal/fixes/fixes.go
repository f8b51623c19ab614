// Package fixes holds the editing helpers crisislint's suggested fixes
// share: adding an import, dropping one a fix made unused, inserting a
// statement with the indentation of its neighbours. Every helper returns
// plain analysis.TextEdits, so a fix applies the same under every driver.
package fixes

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Import returns the name by which file refers to the package path, and
// the edit that adds the import when the file lacks it. The name is the
// package's own unless the file renames it, or uses that name for
// something else, in which case no import can be added and ok is false.
func Import(pass *analysis.Pass, file *ast.File, path, name string) (ref string, edits []analysis.TextEdit, ok bool) {
	for _, spec := range file.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p != path {
			continue
		}
		switch {
		case spec.Name == nil:
			return name, nil, true
		case spec.Name.Name == "_" || spec.Name.Name == ".":
			continue
		default:
			return spec.Name.Name, nil, true
		}
	}
	if declaresName(pass, file, name) {
		return "", nil, false
	}
	quoted := strconv.Quote(path)
	if len(file.Decls) > 0 {
		if g, ok := file.Decls[0].(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			if g.Lparen.IsValid() {
				return name, []analysis.TextEdit{{Pos: g.Lparen + 1, End: g.Lparen + 1, NewText: []byte("\n\t" + quoted)}}, true
			}
			return name, []analysis.TextEdit{{Pos: g.Pos(), End: g.Pos(), NewText: []byte("import " + quoted + "\n")}}, true
		}
	}
	return name, []analysis.TextEdit{{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport " + quoted)}}, true
}

// declaresName reports whether name already means something at the top
// level of file: a package-level object or another import.
func declaresName(pass *analysis.Pass, file *ast.File, name string) bool {
	if pass.Pkg.Scope().Lookup(name) != nil {
		return true
	}
	for _, spec := range file.Imports {
		if spec.Name != nil && spec.Name.Name == name {
			return true
		}
		if obj, ok := pass.TypesInfo.Implicits[spec].(*types.PkgName); ok && obj.Name() == name {
			return true
		}
	}
	return false
}

// DropUnusedImport returns the edit that deletes file's import of path
// when every use of it lies within the removed ranges.
func DropUnusedImport(pass *analysis.Pass, file *ast.File, path string, removed ...analysis.TextEdit) []analysis.TextEdit {
	for _, spec := range file.Imports {
		if p, _ := strconv.Unquote(spec.Path.Value); p != path || spec.Name != nil && (spec.Name.Name == "_" || spec.Name.Name == ".") {
			continue
		}
		var pkgName types.Object
		if spec.Name != nil {
			pkgName = pass.TypesInfo.Defs[spec.Name]
		} else {
			pkgName = pass.TypesInfo.Implicits[spec]
		}
		if pkgName == nil {
			return nil
		}
		used := false
		ast.Inspect(file, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || used || pass.TypesInfo.Uses[id] != pkgName {
				return !used
			}
			for _, r := range removed {
				if r.Pos <= id.Pos() && id.End() <= r.End {
					return true
				}
			}
			used = true
			return false
		})
		if used {
			return nil
		}
		return []analysis.TextEdit{deleteSpec(pass, file, spec)}
	}
	return nil
}

// deleteSpec deletes an import spec with its line, or the whole import
// declaration when it is the only spec of a declaration without parentheses.
func deleteSpec(pass *analysis.Pass, file *ast.File, spec *ast.ImportSpec) analysis.TextEdit {
	for _, d := range file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		for _, s := range g.Specs {
			if s == spec && !g.Lparen.IsValid() {
				return analysis.TextEdit{Pos: g.Pos(), End: g.End()}
			}
		}
	}
	start, end := spec.Pos(), spec.End()
	if spec.Doc != nil {
		start = spec.Doc.Pos()
	}
	if spec.Comment != nil {
		end = spec.Comment.End()
	}
	tf := pass.Fset.File(start)
	line := tf.Line(start)
	lineStart := tf.LineStart(line)
	if line < tf.LineCount() && tf.Line(end) == line {
		// Take the whole line, indentation and newline included.
		return analysis.TextEdit{Pos: lineStart, End: tf.LineStart(line + 1)}
	}
	return analysis.TextEdit{Pos: start, End: end}
}

// Indent returns the indentation of the line on which pos lies.
func Indent(pass *analysis.Pass, pos token.Pos) string {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return ""
	}
	content, err := pass.ReadFile(tf.Name())
	if err != nil {
		return ""
	}
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	line := content[start:]
	return string(line[:len(line)-len(strings.TrimLeft(string(line), " \t"))])
}
