package engine

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// graphMode lists the packages and their imports, with the export data
// the go command builds for each, and parses and type-checks nothing:
// what is type-checked from source, and when, is the engine's choice.
const graphMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedExportFile |
	packages.NeedModule | packages.NeedTypesSizes

// node is a package of the import graph.
type node struct {
	pkg     *packages.Package
	imports []*node // the nodes of pkg.Imports, sorted by path
	root    bool    // named by the patterns: analyzed and reported on
	// facts is set for a dependency whose facts are computed: it is not
	// described by the tables and can reach I/O.
	facts bool

	// export is the package as its export data declares it, created
	// empty up front so that every package that mentions it shares one
	// object; exportMu in the universe guards filling it.
	export   *types.Package
	exported bool

	key string // the cache key of a dependency's facts
}

// universe holds what the export data of the graph declares: one
// types.Package per package, filled on first import.
type universe struct {
	fset *token.FileSet
	mu   sync.Mutex // gcexportdata may touch every package of a closure
}

// exportOf returns the package n as its export data declares it.
func (u *universe) exportOf(n *node) (*types.Package, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if n.exported {
		return n.export, nil
	}
	if n.pkg.ExportFile == "" {
		return nil, fmt.Errorf("no export data for %s", n.pkg.PkgPath)
	}
	data, err := os.ReadFile(n.pkg.ExportFile)
	if err != nil {
		return nil, err
	}
	// go list -export's files are still archives in Go 1.26, as
	// go/packages reads them.
	r, err := gcexportdata.NewReader(bytes.NewReader(data)) //nolint:staticcheck // SA1019: see above
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", n.pkg.ExportFile, err)
	}
	// gcexportdata knows packages by path, not by ID: it gets the view of
	// the closure of n, where a test variant stands for its package.
	view := make(map[string]*types.Package)
	var visit func(m *node)
	visit = func(m *node) {
		if _, ok := view[m.pkg.PkgPath]; ok {
			return
		}
		view[m.pkg.PkgPath] = m.export
		for _, d := range m.imports {
			visit(d)
		}
	}
	visit(n)
	if _, err := gcexportdata.Read(r, u.fset, view, n.pkg.PkgPath); err != nil {
		return nil, fmt.Errorf("reading %s: %v", n.pkg.ExportFile, err)
	}
	n.exported = true
	return n.export, nil
}

// importer imports the dependencies of one package from export data.
type importer struct {
	u *universe
	n *node
}

func (im importer) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	dep, ok := im.n.pkg.Imports[path]
	if !ok {
		return nil, fmt.Errorf("%s does not import %s", im.n.pkg.PkgPath, path)
	}
	i, found := slices.BinarySearchFunc(im.n.imports, dep.ID, func(m *node, id string) int { return strings.Compare(m.pkg.ID, id) })
	if !found {
		return nil, fmt.Errorf("no node for %s", dep.ID)
	}
	return im.u.exportOf(im.n.imports[i])
}

// checked is a package parsed and type-checked from source.
type checked struct {
	files  []*ast.File
	pkg    *types.Package
	info   *types.Info
	errors []types.Error
}

// check parses and type-checks a package from source, its imports from
// export data. withComments keeps comments: the reported packages need
// them (suppressions, generated-file headers); dependencies do not.
func (e *engine) check(n *node, withComments bool) (*checked, error) {
	mode := parser.SkipObjectResolution
	if withComments {
		mode |= parser.ParseComments
	}
	files := make([]*ast.File, 0, len(n.pkg.CompiledGoFiles))
	for _, name := range n.pkg.CompiledGoFiles {
		src, err := e.readFile(name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(e.u.fset, name, src, mode)
		if f == nil {
			return nil, err
		}
		if err != nil {
			return nil, err // a syntax error: the go command said so too
		}
		files = append(files, f)
	}
	c := &checked{
		files: files,
		info: &types.Info{
			Types:        make(map[ast.Expr]types.TypeAndValue),
			Defs:         make(map[*ast.Ident]types.Object),
			Uses:         make(map[*ast.Ident]types.Object),
			Implicits:    make(map[ast.Node]types.Object),
			Instances:    make(map[*ast.Ident]types.Instance),
			Scopes:       make(map[ast.Node]*types.Scope),
			Selections:   make(map[*ast.SelectorExpr]*types.Selection),
			FileVersions: make(map[*ast.File]string),
		},
	}
	conf := types.Config{
		Importer: importer{e.u, n},
		Sizes:    n.pkg.TypesSizes,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok && !te.Soft {
				c.errors = append(c.errors, te)
			}
		},
	}
	if m := n.pkg.Module; m != nil && m.GoVersion != "" {
		conf.GoVersion = "go" + m.GoVersion
	}
	c.pkg, _ = conf.Check(n.pkg.PkgPath, e.u.fset, files, c.info)
	return c, nil
}

// readFile reads a file, or the editor's version of it.
func (e *engine) readFile(name string) ([]byte, error) {
	if b, ok := e.cfg.Overlay[name]; ok {
		return b, nil
	}
	return os.ReadFile(name)
}
