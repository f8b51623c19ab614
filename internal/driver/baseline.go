package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"slices"
)

// A baseline records the findings a team accepts for now, so that a
// service with hundreds of them can adopt crisislint and hear only about
// new ones. A finding is matched by analyzer, file, enclosing function
// and message, never by line: an edit above it moves it without bringing
// it back. Matching counts: a second identical finding in the same
// function is new. A finding that stands for several places of one root
// cause records them (file and function each): when it comes to stand
// for a place it did not (a new unbounded read that joins the package's
// group), it is new.

type baselineFile struct {
	// Version is the format's version; a file of another version is
	// refused rather than misread.
	Version  int             `json:"crisislint_baseline"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Analyzer string `json:"analyzer"`
	// File is relative to the module root, with slashes, so the file
	// works from any directory and on any machine.
	File     string `json:"file"`
	Function string `json:"function,omitempty"`
	Message  string `json:"message"`
	// Places are the finding's related places, "file function", sorted;
	// version 1 files have none, and match whatever places a finding has.
	Places []string `json:"places,omitempty"`
}

// key is what matches a finding with an entry; the places are checked
// after.
type key struct{ analyzer, file, function, message string }

func (e baselineEntry) key() key { return key{e.Analyzer, e.File, e.Function, e.Message} }

// covers reports whether an entry's places hold all of a finding's.
func (e baselineEntry) covers(version int, f baselineEntry) bool {
	if version < 2 {
		return true
	}
	for _, p := range f.Places {
		if _, ok := slices.BinarySearch(e.Places, p); !ok {
			return false
		}
	}
	return true
}

const baselineVersion = 2

// moreSuffix is what the report path appends to a finding that stands for
// several places of one root cause; the count changes when one of them is
// fixed, which must not make the finding new.
var moreSuffix = regexp.MustCompile(` \(and \d+ more [^()]* in this package\)$`)

type baseliner struct {
	root  string
	funcs map[string]*ast.File // parsed files, for the enclosing function
	fsets map[string]*token.FileSet
}

func newBaseliner(root string) *baseliner {
	return &baseliner{root: root, funcs: make(map[string]*ast.File), fsets: make(map[string]*token.FileSet)}
}

func (b *baseliner) entry(f Finding) baselineEntry {
	e := baselineEntry{
		Analyzer: f.Analyzer,
		File:     b.file(f.Pos.Filename),
		Function: b.function(f.Pos),
		Message:  moreSuffix.ReplaceAllString(f.Message, ""),
	}
	for _, r := range f.Related {
		e.Places = append(e.Places, b.file(r.Pos.Filename)+" "+b.function(r.Pos))
	}
	slices.Sort(e.Places)
	e.Places = slices.Compact(e.Places)
	return e
}

// file names a file relative to the module root, with slashes.
func (b *baseliner) file(name string) string {
	if r, err := filepath.Rel(b.root, name); err == nil && !filepath.IsAbs(r) {
		return filepath.ToSlash(r)
	}
	return name
}

// function names the top-level function or method around pos: "Handler",
// "(*Server).Handler"; "" at package level or when the file does not
// parse.
func (b *baseliner) function(pos token.Position) string {
	f, ok := b.funcs[pos.Filename]
	if !ok {
		fset := token.NewFileSet()
		f, _ = parser.ParseFile(fset, pos.Filename, nil, parser.SkipObjectResolution)
		b.funcs[pos.Filename], b.fsets[pos.Filename] = f, fset
	}
	if f == nil {
		return ""
	}
	tf := b.fsets[pos.Filename].File(f.FileStart)
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || tf.Offset(fd.Pos()) > pos.Offset || pos.Offset >= tf.Offset(fd.End()) {
			continue
		}
		if fd.Recv == nil || len(fd.Recv.List) == 0 {
			return fd.Name.Name
		}
		return "(" + types.ExprString(fd.Recv.List[0].Type) + ")." + fd.Name.Name
	}
	return ""
}

// writeBaseline writes the findings to a baseline file.
func writeBaseline(path, root string, found []Finding) error {
	b := newBaseliner(root)
	out := baselineFile{Version: baselineVersion, Findings: []baselineEntry{}}
	for _, f := range found {
		out.Findings = append(out.Findings, b.entry(f))
	}
	slices.SortFunc(out.Findings, func(x, y baselineEntry) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Function, y.Function),
			cmp.Compare(x.Analyzer, y.Analyzer), cmp.Compare(x.Message, y.Message))
	})
	data, err := json.MarshalIndent(out, "", "\t")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// readBaseline returns a filter that drops the findings the baseline
// file records, each as many times as it records it.
func readBaseline(path, root string) (func(Finding) bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var in baselineFile
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, fmt.Errorf("baseline %s: %v", path, err)
	}
	if in.Version < 1 || in.Version > baselineVersion {
		return nil, fmt.Errorf("baseline %s: not a crisislint baseline of version %d (write it again with -write-baseline)", path, baselineVersion)
	}
	left := make(map[key][]baselineEntry)
	for _, e := range in.Findings {
		left[e.key()] = append(left[e.key()], e)
	}
	b := newBaseliner(root)
	return func(f Finding) bool {
		e := b.entry(f)
		entries := left[e.key()]
		i := slices.IndexFunc(entries, func(old baselineEntry) bool { return old.covers(in.Version, e) })
		if i < 0 {
			return true
		}
		left[e.key()] = slices.Delete(entries, i, i+1)
		return false
	}, nil
}
