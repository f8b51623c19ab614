package engine

import (
	"fmt"
	"go/types"
	"reflect"
	"runtime/debug"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// unit is the analysis of one package by a list of analyzers, in an
// order where each comes after those it requires.
type unit struct {
	e     *engine
	n     *node
	c     *checked
	round int // 1, or 2 with the whole program's package facts

	facts       pkgFacts                 // the facts this package exports
	objects     map[objKey]analysis.Fact // the same, by object, while it runs
	enc         objectpath.Encoder
	diagnostics map[*analysis.Analyzer][]analysis.Diagnostic
	errors      []string // analyzers that failed

	mu         sync.Mutex
	askedWhole bool                        // an analyzer asked for every package's facts
	askedBy    map[*analysis.Analyzer]bool // which
	whole      map[string]pkgFacts
}

type objKey struct {
	obj types.Object
	typ reflect.Type
}

// Order returns the analyzers and those they require, each after its
// requirements.
func Order(as []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, r := range a.Requires {
			visit(r)
		}
		out = append(out, a)
	}
	for _, a := range as {
		visit(a)
	}
	return out
}

// run runs the analyzers on the unit's package.
func (u *unit) run(as []*analysis.Analyzer) {
	u.facts = make(pkgFacts)
	u.objects = make(map[objKey]analysis.Fact)
	u.diagnostics = make(map[*analysis.Analyzer][]analysis.Diagnostic)
	results := make(map[*analysis.Analyzer]any)
	failed := make(map[*analysis.Analyzer]bool)
	for _, a := range as {
		if slices.ContainsFunc(a.Requires, func(r *analysis.Analyzer) bool { return failed[r] }) {
			failed[a] = true
			continue
		}
		pass := u.pass(a, results)
		res, err := u.exec(a, pass)
		if err != nil {
			failed[a] = true
			u.errors = append(u.errors, fmt.Sprintf("%s: %s: %v", u.n.pkg.PkgPath, a.Name, err))
			continue
		}
		results[a] = res
	}
	for k, f := range u.objects {
		if path, err := u.enc.For(k.obj); err == nil {
			u.facts[factKey{path, k.typ}] = f
		}
	}
	u.objects = nil
}

// exec runs one analyzer: a panic is the analyzer's failure on this
// package, not the end of the run.
func (u *unit) exec(a *analysis.Analyzer, pass *analysis.Pass) (res any, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	res, err = a.Run(pass)
	if err == nil && reflect.TypeOf(res) != a.ResultType {
		err = fmt.Errorf("returned a %T, not the %v it declares", res, a.ResultType)
	}
	return res, err
}

func (u *unit) pass(a *analysis.Analyzer, results map[*analysis.Analyzer]any) *analysis.Pass {
	p := u.n.pkg
	inputs := make(map[*analysis.Analyzer]any, len(a.Requires))
	for _, r := range a.Requires {
		inputs[r] = results[r]
	}
	module := &analysis.Module{}
	if m := p.Module; m != nil {
		module = &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion}
	}
	pass := &analysis.Pass{
		Analyzer:     a,
		Fset:         u.e.u.fset,
		Files:        u.c.files,
		OtherFiles:   p.OtherFiles,
		IgnoredFiles: p.IgnoredFiles,
		Pkg:          u.c.pkg,
		TypesInfo:    u.c.info,
		TypesSizes:   p.TypesSizes,
		TypeErrors:   u.c.errors,
		Module:       module,
		ResultOf:     inputs,
		Report: func(d analysis.Diagnostic) {
			u.diagnostics[a] = append(u.diagnostics[a], d)
		},
		ImportObjectFact:  u.importObjectFact,
		ExportObjectFact:  u.exportObjectFact,
		ImportPackageFact: u.importPackageFact,
		ExportPackageFact: func(f analysis.Fact) { u.facts[factKey{"", reflect.TypeOf(f)}] = f },
		AllObjectFacts:    u.allObjectFacts,
		AllPackageFacts: func() []analysis.PackageFact {
			u.mu.Lock()
			u.askedWhole = true
			if u.askedBy == nil {
				u.askedBy = make(map[*analysis.Analyzer]bool)
			}
			u.askedBy[a] = true
			u.mu.Unlock()
			return u.allPackageFacts()
		},
	}
	pass.ReadFile = u.readFile
	return pass
}

func (u *unit) exportObjectFact(obj types.Object, f analysis.Fact) {
	if obj.Pkg() != u.c.pkg {
		panic(fmt.Sprintf("fact %T for %v, an object of another package", f, obj))
	}
	u.objects[objKey{obj, reflect.TypeOf(f)}] = f
}

func (u *unit) importObjectFact(obj types.Object, ptr analysis.Fact) bool {
	if obj == nil || obj.Pkg() == nil {
		return false
	}
	typ := reflect.TypeOf(ptr)
	if obj.Pkg() == u.c.pkg {
		if f, ok := u.objects[objKey{obj, typ}]; ok {
			copyFact(ptr, f)
			return true
		}
		return false
	}
	facts := u.e.facts.get(obj.Pkg().Path())
	if len(facts) == 0 {
		return false
	}
	path, err := u.enc.For(obj)
	if err != nil {
		return false
	}
	if f, ok := facts[factKey{path, typ}]; ok {
		copyFact(ptr, f)
		return true
	}
	return false
}

func (u *unit) importPackageFact(pkg *types.Package, ptr analysis.Fact) bool {
	key := factKey{"", reflect.TypeOf(ptr)}
	var f analysis.Fact
	if pkg == u.c.pkg {
		f = u.facts[key]
	} else {
		f = u.e.facts.get(pkg.Path())[key]
	}
	if f == nil {
		return false
	}
	copyFact(ptr, f)
	return true
}

// allObjectFacts returns the facts of this package's objects and of the
// objects of the packages it imports.
func (u *unit) allObjectFacts() []analysis.ObjectFact {
	var out []analysis.ObjectFact
	for k, f := range u.objects {
		out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
	}
	for _, imp := range u.c.pkg.Imports() {
		for k, f := range u.e.facts.get(imp.Path()) {
			if k.path == "" {
				continue
			}
			if obj, err := objectpath.Object(imp, k.path); err == nil {
				out = append(out, analysis.ObjectFact{Object: obj, Fact: f})
			}
		}
	}
	return out
}

// allPackageFacts returns the package facts of this package and of the
// packages it depends on; in the second round, of every package of the
// program: what implements an interface, or limits every request's body,
// may be in a package this one does not import.
func (u *unit) allPackageFacts() []analysis.PackageFact {
	var out []analysis.PackageFact
	add := func(pkg *types.Package, facts pkgFacts) {
		for k, f := range facts {
			if k.path == "" {
				out = append(out, analysis.PackageFact{Package: pkg, Fact: f})
			}
		}
	}
	add(u.c.pkg, u.facts)
	seen := map[string]bool{u.n.pkg.PkgPath: true}
	var visit func(n *node)
	visit = func(n *node) {
		for _, d := range n.imports {
			if !seen[d.pkg.PkgPath] {
				seen[d.pkg.PkgPath] = true
				add(d.export, u.e.facts.get(d.pkg.PkgPath))
				visit(d)
			}
		}
	}
	visit(u.n)
	if u.round == 2 {
		for path, facts := range u.whole {
			if !seen[path] {
				seen[path] = true
				add(types.NewPackage(path, u.e.names[path]), facts)
			}
		}
	}
	return out
}

// readFile lets an analyzer read the files of its package, as the
// editor sees them.
func (u *unit) readFile(name string) ([]byte, error) {
	p := u.n.pkg
	for _, list := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles, p.IgnoredFiles, p.EmbedFiles} {
		if slices.Contains(list, name) {
			return u.e.readFile(name)
		}
	}
	return nil, fmt.Errorf("%s is not a file of package %s", name, p.PkgPath)
}
