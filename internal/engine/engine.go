// Package engine runs analyzers over a Go program the way crisislint
// needs: the packages the user named are type-checked from source,
// analyzed and reported on; the dependencies that can reach I/O (a
// database, the network, a message service) are type-checked from source
// too, one at a time, only for their facts, which are kept on disk
// between runs; every other package is seen through its export data.
//
// So an ORM, a query builder or a company's own module is known from its
// own code, as under go vet -vettool, at the cost of a plain run once its
// facts are cached. A second round gives the packages that asked for
// every package's facts (what implements an interface, what limits every
// request's body) the facts of the whole program, which a package-at-a-
// time driver cannot see.
package engine

import (
	"cmp"
	"fmt"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"

	"github.com/crisislint/crisislint/internal/knowledge"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// Config says what to analyze.
type Config struct {
	Dir      string // where the patterns are resolved; "" is the working directory
	Patterns []string
	Tests    bool
	Tags     string
	Env      []string          // the go command's environment; nil is the process's
	Overlay  map[string][]byte // file contents that replace the disk's
	// Analyzers run on the named packages; those of them (and of what
	// they require) that have facts also run on the dependencies.
	Analyzers []*analysis.Analyzer
	// CacheDir keeps the dependencies' facts; "" uses the user's cache
	// directory (or $CRISISLINT_CACHE), "off" keeps nothing.
	CacheDir string
	// Graphs, when set, keeps the package graph from one run to the
	// next of a long-lived process (see Graphs).
	Graphs *Graphs
}

// Result is what the analyzers found in the named packages.
type Result struct {
	Fset     *token.FileSet
	Packages []*Package // the named packages that were analyzed, in import order
	// Problems name what could not be analyzed: packages that do not
	// load or type-check, analyzers that failed. Nothing is skipped
	// silently.
	Problems []string
	// Notes name dependencies whose facts could not be computed: the
	// analysis of the named packages goes on without them.
	Notes []string
	Stats Stats
}

// Package is a named package and its diagnostics.
type Package struct {
	ID, PkgPath string
	GoFiles     []string
	Types       *types.Package
	Diagnostics []Diagnostic
}

// Diagnostic is a diagnostic of one analyzer.
type Diagnostic struct {
	Analyzer *analysis.Analyzer
	analysis.Diagnostic
}

// Stats count the work a run did.
type Stats struct {
	Named        int // packages analyzed and reported on
	Dependencies int // dependencies whose facts were needed
	Cached       int // of those, read from the cache
	SecondRound  int // named packages analyzed again with the whole program's facts
}

type engine struct {
	cfg           Config
	u             *universe
	facts         *store
	cache         *cache
	salt          string
	immutableDirs []string
	names         map[string]string // package path → name

	roots, all []*node // in import order: a package after its imports
	rootSet    []*analysis.Analyzer
	depSet     []*analysis.Analyzer
	mu         sync.Mutex
	res        *Result
	// last is each named package's latest analysis, without its syntax.
	last    map[*node]*unit
	whole   map[string]pkgFacts // every package's facts after the first round
	changed map[*node]bool      // named packages whose facts the second round changed
}

// Run loads the packages and analyzes them. An error means nothing could
// be analyzed.
func Run(cfg Config) (*Result, error) {
	e := &engine{
		cfg:     cfg,
		u:       &universe{fset: token.NewFileSet()},
		facts:   newStore(),
		names:   make(map[string]string),
		last:    make(map[*node]*unit),
		changed: make(map[*node]bool),
		res:     &Result{},
	}
	e.res.Fset = e.u.fset
	e.rootSet = Order(cfg.Analyzers)
	for _, a := range e.rootSet {
		if len(a.FactTypes) > 0 {
			e.depSet = append(e.depSet, a)
		}
	}
	e.depSet = Order(e.depSet) // with what they require
	registerFacts(e.rootSet)
	e.salt = executableHash() + " " + names(e.depSet)
	if err := e.openCache(); err != nil {
		return nil, err
	}
	if err := e.load(); err != nil {
		return nil, err
	}
	e.schedule(1, e.all)
	// The second round: the named packages that asked for every
	// package's facts see the whole program's now, and the packages
	// above them see what that changed.
	e.whole = e.facts.snapshot()
	e.schedule(2, e.roots)
	for _, n := range e.roots {
		u := e.last[n]
		if u == nil {
			continue
		}
		p := &Package{ID: n.pkg.ID, PkgPath: n.pkg.PkgPath, GoFiles: n.pkg.GoFiles, Types: u.c.pkg}
		for _, a := range e.rootSet {
			for _, d := range u.diagnostics[a] {
				p.Diagnostics = append(p.Diagnostics, Diagnostic{a, d})
			}
		}
		e.res.Packages = append(e.res.Packages, p)
	}
	return e.res, nil
}

func names(as []*analysis.Analyzer) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return strings.Join(out, ",")
}

func (e *engine) openCache() error {
	dir := cmp.Or(e.cfg.CacheDir, os.Getenv("CRISISLINT_CACHE"))
	switch dir {
	case "off":
		return nil
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return nil // no home: run without a cache
		}
		dir = filepath.Join(base, "crisislint")
	}
	e.cache = &cache{dir: dir}
	for _, env := range []string{"GOMODCACHE", "GOCACHE", "GOROOT"} {
		e.immutableDirs = append(e.immutableDirs, goEnv(e.cfg, env))
	}
	return nil
}

// load lists the import graph and decides what to analyze in it.
func (e *engine) load() error {
	pcfg := &packages.Config{Mode: graphMode, Dir: e.cfg.Dir, Tests: e.cfg.Tests, Env: e.cfg.Env, Overlay: e.cfg.Overlay}
	if e.cfg.Tags != "" {
		pcfg.BuildFlags = []string{"-tags=" + e.cfg.Tags}
	}
	var pkgs []*packages.Package
	var err error
	if e.cfg.Graphs != nil {
		pkgs, err = e.cfg.Graphs.load(pcfg, e.cfg.Patterns, e.immutableDirs)
	} else {
		pkgs, err = packages.Load(pcfg, e.cfg.Patterns...)
	}
	if err != nil {
		return err
	}
	if len(pkgs) == 0 {
		return fmt.Errorf("no packages matched %s", strings.Join(e.cfg.Patterns, " "))
	}
	nodes := make(map[*packages.Package]*node)
	var visit func(p *packages.Package) *node
	visit = func(p *packages.Package) *node {
		if n, ok := nodes[p]; ok {
			return n
		}
		n := &node{pkg: p, export: types.NewPackage(p.PkgPath, p.Name)}
		nodes[p] = n
		for _, imp := range p.Imports {
			n.imports = append(n.imports, visit(imp))
		}
		slices.SortFunc(n.imports, func(a, b *node) int { return strings.Compare(a.pkg.ID, b.pkg.ID) })
		e.all = append(e.all, n) // after its imports
		e.names[p.PkgPath] = p.Name
		return n
	}
	for _, p := range pkgs {
		if strings.HasSuffix(p.ID, ".test") && p.Name == "main" {
			continue // the test binary's generated main
		}
		n := visit(p)
		n.root = true
		e.roots = append(e.roots, n)
	}
	reach := make(map[*node]bool)
	for _, n := range e.all { // imports first
		reach[n] = knowledge.ReachesIO(n.pkg.PkgPath) || slices.ContainsFunc(n.imports, func(d *node) bool { return reach[d] })
		n.facts = !n.root && reach[n] && !knowledge.Described(n.pkg.PkgPath) && n.pkg.ID == n.pkg.PkgPath && len(e.depSet) > 0
		n.key = e.keyOf(n)
	}
	// The roots in import order, as e.all has them.
	slices.SortStableFunc(e.roots, func(a, b *node) int { return cmp.Compare(slices.Index(e.all, a), slices.Index(e.all, b)) })
	for _, n := range e.all {
		switch {
		case n.root:
			e.res.Stats.Named++
		case n.facts:
			e.res.Stats.Dependencies++
		}
	}
	return nil
}

// schedule analyzes the nodes, each after its imports, on as many
// goroutines as there are processors: the work is CPU-bound, and more at
// a time would only keep more syntax alive together.
func (e *engine) schedule(round int, nodes []*node) {
	todo := make(map[*node]bool, len(nodes))
	for _, n := range nodes {
		todo[n] = true
	}
	waiting := make(map[*node]int)   // imports still to do
	users := make(map[*node][]*node) // who waits for a node
	ready := make(chan *node, len(nodes))
	for _, n := range nodes {
		for _, d := range n.imports {
			if todo[d] {
				waiting[n]++
				users[d] = append(users[d], n)
			}
		}
		if waiting[n] == 0 {
			ready <- n
		}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	left := len(nodes)
	if left == 0 {
		return
	}
	done := make(chan struct{})
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case n := <-ready:
					e.analyze(round, n)
					boundHeap()
					mu.Lock()
					for _, m := range users[n] {
						if waiting[m]--; waiting[m] == 0 {
							ready <- m
						}
					}
					if left--; left == 0 {
						close(done)
					}
					mu.Unlock()
				case <-done:
					return
				}
			}
		}()
	}
	wg.Wait()
}

// analyze does a node's part of a round: a root is analyzed and reported
// on; a dependency with facts gets them from the cache or from its code.
func (e *engine) analyze(round int, n *node) {
	switch {
	case n.root:
		e.analyzeRoot(round, n)
	case n.facts:
		if facts, ok := e.cache.load(n.key); ok {
			e.facts.put(n.pkg.PkgPath, facts)
			e.mu.Lock()
			e.res.Stats.Cached++
			e.mu.Unlock()
			return
		}
		c, err := e.check(n, false)
		if err == nil && len(c.errors) > 0 {
			err = c.errors[0]
		}
		if err != nil {
			e.note(fmt.Sprintf("dependency %s: not analyzed for effects (%v); calls into it are judged by the tables alone", n.pkg.PkgPath, err))
			return
		}
		u := &unit{e: e, n: n, c: c, round: round}
		u.run(e.depSet)
		e.facts.put(n.pkg.PkgPath, u.facts)
		if len(u.errors) == 0 {
			e.cache.save(n.key, u.facts)
		}
	}
}

func (e *engine) analyzeRoot(round int, n *node) {
	e.mu.Lock()
	old := e.last[n]
	again := old != nil && (old.askedWhole && e.wantsMore(n, old) || slices.ContainsFunc(n.imports, func(d *node) bool { return e.changed[d] }))
	e.mu.Unlock()
	if round == 2 && !again {
		return
	}
	c, ok := e.checkRoot(n)
	if !ok {
		return
	}
	u := &unit{e: e, n: n, c: c, round: round, whole: e.whole}
	u.run(e.rootSet)
	// Only the types stay: a second round checks the package again, which
	// costs less than keeping every package's syntax until then.
	u.c = &checked{pkg: c.pkg}
	if round == 1 && n.pkg.ID == n.pkg.PkgPath && len(u.errors) == 0 {
		// What the first round learned is what the package's facts are
		// when it is a dependency of another run (crisislint ./api/...,
		// the editor, the pre-commit hook): keep them.
		e.cache.save(n.key, u.facts)
	}
	if n.pkg.ID == n.pkg.PkgPath {
		e.facts.put(n.pkg.PkgPath, u.facts)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if round == 2 {
		e.res.Stats.SecondRound++
		e.changed[n] = !reflect.DeepEqual(old.facts, u.facts)
		u.errors = slices.DeleteFunc(u.errors, func(msg string) bool { return slices.Contains(old.errors, msg) })
	}
	e.res.Problems = append(e.res.Problems, u.errors...)
	e.last[n] = u
}

// A wanter is a package fact that says which facts of other packages
// may change its package's analysis (effects' WantsFact: the
// implementations of the interface methods it calls).
type wanter interface {
	Wants(analysis.Fact) bool
}

// wantsMore reports whether a package that asked for every package's
// facts in the first round may find more among those of the packages it
// does not depend on: yes, unless each analyzer that asked says, in a
// package fact of its own, what it wants, and no such fact is there.
func (e *engine) wantsMore(n *node, u *unit) bool {
	var wants []wanter
	for a := range u.askedBy {
		found := false
		for k, f := range u.facts {
			if w, ok := f.(wanter); ok && k.path == "" && slices.ContainsFunc(a.FactTypes, func(t analysis.Fact) bool { return reflect.TypeOf(t) == k.typ }) {
				wants = append(wants, w)
				found = true
			}
		}
		if !found {
			return true
		}
	}
	closure := map[string]bool{n.pkg.PkgPath: true}
	var visit func(m *node)
	visit = func(m *node) {
		for _, d := range m.imports {
			if !closure[d.pkg.PkgPath] {
				closure[d.pkg.PkgPath] = true
				visit(d)
			}
		}
	}
	visit(n)
	for path, facts := range e.whole {
		if closure[path] {
			continue
		}
		for k, f := range facts {
			if k.path == "" && slices.ContainsFunc(wants, func(w wanter) bool { return w.Wants(f) }) {
				return true
			}
		}
	}
	return false
}

// checkRoot type-checks a named package from source, or says why not.
func (e *engine) checkRoot(n *node) (*checked, bool) {
	if len(n.pkg.Errors) > 0 {
		e.problems(n, loadErrors(n.pkg))
		return nil, false
	}
	c, err := e.check(n, true)
	switch {
	case err != nil:
		e.problems(n, []string{err.Error()})
		return nil, false
	case len(c.errors) > 0:
		var msgs []string
		for _, te := range c.errors {
			msgs = append(msgs, e.u.fset.Position(te.Pos).String()+": "+te.Msg)
		}
		e.problems(n, msgs)
		return nil, false
	}
	return c, true
}

func (e *engine) problems(n *node, msgs []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, m := range msgs {
		e.res.Problems = append(e.res.Problems, fmt.Sprintf("package %s: %s", cmp.Or(n.pkg.PkgPath, n.pkg.ID), m))
	}
}

func (e *engine) note(msg string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.res.Notes = append(e.res.Notes, msg)
}

// loadErrors returns the lines of a package's load errors.
func loadErrors(p *packages.Package) []string {
	var out []string
	for _, err := range p.Errors {
		text := err.Msg
		if err.Pos != "" && err.Pos != "-" {
			text = err.Pos + ": " + err.Msg
		}
		for line := range strings.SplitSeq(text, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "# ") && !slices.Contains(out, line) {
				out = append(out, line)
			}
		}
	}
	return out
}

// goEnv returns a go env variable as the go command sees it.
func goEnv(cfg Config, name string) string {
	env := cfg.Env
	if env == nil {
		env = os.Environ()
	}
	for _, kv := range slices.Backward(env) {
		if v, ok := strings.CutPrefix(kv, name+"="); ok && v != "" {
			return v
		}
	}
	cmd := exec.Command("go", "env", name)
	cmd.Dir, cmd.Env = cfg.Dir, cfg.Env
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// boundHeap keeps the heap near what the run holds on to. Analysis
// allocates much short-lived data on top of the syntax, types and facts
// it keeps; left alone, the collector lets the heap grow to twice the
// live data before reclaiming that garbage. A soft limit a little above
// the live heap, raised as the live heap grows, keeps the peak near what
// is needed for a few percent of CPU (the collector works harder near
// the limit and never fails an allocation). A GOMEMLIMIT or GOGC the
// user set wins.
func boundHeap() {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	live := int64(sample[0].Value.Uint64())
	debug.SetMemoryLimit(live*3/2 + 128<<20)
}
