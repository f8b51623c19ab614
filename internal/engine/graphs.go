package engine

import (
	"crypto/sha256"
	"fmt"
	"go/parser"
	"go/token"
	"hash"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
)

// Graphs keeps the package graphs of a long-lived process's runs, the
// language server's (one run per save). Listing the named packages and
// their dependencies' export data asks the go command, which on gitea
// costs half of a save's analysis (1.4 s of 2.7). A run reuses the last
// graph of the same directory and patterns while nothing it was made
// from has changed: the module's go.mod, go.sum and go.work files; the
// files of every package of the graph outside the module cache and
// GOROOT (names, sizes, times, and unsaved contents); the Go files of the
// named packages' directories and their imports, saved or not (the rest
// of a named package's text the engine reads itself, every run).
type Graphs struct {
	mu   sync.Mutex
	last map[string]*graph // by directory, patterns, tags, tests and environment
	// Reused counts the runs that reused a graph: for tests.
	Reused int
}

type graph struct {
	stamp string
	pkgs  []*packages.Package
}

// NewGraphs returns an empty store of graphs.
func NewGraphs() *Graphs { return &Graphs{last: make(map[string]*graph)} }

// load returns the graph of the run, reused or listed anew.
func (g *Graphs) load(cfg *packages.Config, patterns []string, immutable []string) ([]*packages.Package, error) {
	key := fmt.Sprintf("%s\x00%q\x00%q\x00%v\x00%q", cfg.Dir, patterns, cfg.BuildFlags, cfg.Tests, cfg.Env)
	g.mu.Lock()
	last := g.last[key]
	g.mu.Unlock()
	if last != nil && stamp(last.pkgs, cfg.Overlay, immutable) == last.stamp {
		g.mu.Lock()
		g.Reused++
		g.mu.Unlock()
		return last.pkgs, nil
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	s := stamp(pkgs, cfg.Overlay, immutable)
	g.mu.Lock()
	g.last[key] = &graph{stamp: s, pkgs: pkgs}
	g.mu.Unlock()
	return pkgs, nil
}

// stamp sums up what a graph was made from (see Graphs).
func stamp(roots []*packages.Package, overlay map[string][]byte, immutable []string) string {
	h := sha256.New()
	fixed := func(name string) bool {
		return slices.ContainsFunc(immutable, func(dir string) bool {
			return dir != "" && strings.HasPrefix(name, dir+string(filepath.Separator))
		})
	}
	named := make(map[*packages.Package]bool)
	dirs := make(map[string]bool)
	for _, p := range roots {
		named[p] = true
		for _, f := range p.GoFiles {
			dirs[filepath.Dir(f)] = true
		}
		if p.Module != nil {
			for _, name := range []string{p.Module.GoMod, strings.TrimSuffix(p.Module.GoMod, ".mod") + ".sum"} {
				statTo(h, name, overlay)
			}
		}
	}
	for _, dir := range slices.Sorted(maps.Keys(dirs)) {
		// A file added to or removed from a named package's directory,
		// and the imports of each, saved or not.
		files := make(map[string]bool)
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			files[filepath.Join(dir, e.Name())] = true
		}
		for name := range overlay {
			files[name] = files[name] || filepath.Dir(name) == dir
		}
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if files[name] && strings.HasSuffix(name, ".go") {
				fmt.Fprintf(h, "named %s %s\n", name, imports(name, overlay))
			}
		}
	}
	// A workspace file, where the go command looks for one.
	if work := os.Getenv("GOWORK"); work != "" && work != "off" {
		statTo(h, work, overlay)
	} else if work == "" && len(dirs) > 0 {
		// From the first named directory: they share a module.
		for d := slices.Min(slices.Collect(maps.Keys(dirs))); ; d = filepath.Dir(d) {
			statTo(h, filepath.Join(d, "go.work"), overlay)
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	seen := make(map[*packages.Package]bool)
	packages.Visit(roots, func(p *packages.Package) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		if named[p] {
			return true
		}
		fmt.Fprintf(h, "package %s\n", p.ID)
		for _, name := range p.CompiledGoFiles {
			if !fixed(name) {
				statTo(h, name, overlay)
			}
		}
		return true
	}, nil)
	return fmt.Sprintf("%x", h.Sum(nil))
}

// statTo writes a file's name, size and time, and its unsaved contents.
func statTo(h hash.Hash, name string, overlay map[string][]byte) {
	fmt.Fprintf(h, "file %s", name)
	if fi, err := os.Stat(name); err == nil {
		fmt.Fprintf(h, " %d %d", fi.Size(), fi.ModTime().UnixNano())
	}
	if b, ok := overlay[name]; ok {
		fmt.Fprintf(h, " unsaved %x", sha256.Sum256(b))
	}
	fmt.Fprintln(h)
}

// imports returns a Go file's package clause, build constraints and
// imports, as written: what the go command lists it by.
func imports(name string, overlay map[string][]byte) string {
	var src any
	if b, ok := overlay[name]; ok {
		src = b
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly|parser.ParseComments)
	if err != nil {
		return "unparsable " + err.Error()
	}
	var b strings.Builder
	b.WriteString(f.Name.Name)
	for _, c := range f.Comments {
		if c.Pos() < f.Package {
			b.WriteString(" " + strconv.Quote(c.Text()))
		}
	}
	for _, imp := range f.Imports {
		b.WriteString(" " + imp.Path.Value)
	}
	return b.String()
}
